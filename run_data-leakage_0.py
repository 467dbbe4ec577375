import numpy as np
rng = np.random.default_rng(0)
X = rng.normal(size=(200, 5000)); y = rng.integers(0, 2, 200)
patient_id = np.repeat(np.arange(100), 2)
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

# Wrong: the selector has seen the labels of every future validation fold.
X_leaky = SelectKBest(f_classif, k=20).fit_transform(X, y)
cross_val_score(LogisticRegression(), X_leaky, y, cv=5)  # ~0.8 even if X is noise

pipe = Pipeline([("scale", StandardScaler()),
                 ("select", SelectKBest(f_classif, k=20)),
                 ("clf", LogisticRegression())])
# Right: every step is re-fit on each training fold; groups keep a patient's rows together.
scores = cross_val_score(pipe, X, y, groups=patient_id, cv=GroupKFold(n_splits=5))
print(scores.mean())
