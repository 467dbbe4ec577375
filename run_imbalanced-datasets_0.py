from sklearn.datasets import make_classification
X, y = make_classification(n_samples=3000, weights=[0.97], random_state=0)
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline  # samplers run during fit only
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.preprocessing import StandardScaler

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
weighted = Pipeline([("scale", StandardScaler()),
                     ("clf", LogisticRegression(class_weight="balanced", max_iter=1000))])
smote = Pipeline([("scale", StandardScaler()), ("smote", SMOTE(random_state=0)),
                  ("clf", LogisticRegression(max_iter=1000))])
for name, model in [("class weights", weighted), ("SMOTE", smote)]:
    print(name, cross_val_score(model, X, y, cv=cv, scoring="average_precision").mean())
