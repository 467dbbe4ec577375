import numpy as np
from sklearn.datasets import load_breast_cancer
X, y = load_breast_cancer(return_X_y=True)
rng=np.random.default_rng(0); X=X.copy(); X[rng.random(X.shape)<0.2]=np.nan
from sklearn.experimental import enable_iterative_imputer  # noqa: F401, still experimental
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import IterativeImputer, SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
clf = LogisticRegression(max_iter=1000)  # cloned afresh for every fold
candidates = {
    "median + flag": make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler(), clf),
    "iterative": make_pipeline(IterativeImputer(random_state=0), StandardScaler(), clf),
    "native NaN": HistGradientBoostingClassifier(),
}
for name, model in candidates.items():  # imputers are re-fit on each training fold
    print(name, cross_val_score(model, X, y, cv=5).mean())
