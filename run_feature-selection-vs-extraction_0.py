from sklearn.datasets import load_breast_cancer
X, y = load_breast_cancer(return_X_y=True)
from sklearn.decomposition import PCA
from sklearn.feature_selection import RFE, SelectKBest, mutual_info_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

clf = LogisticRegression(max_iter=1000)
reducers = {"filter": SelectKBest(mutual_info_classif, k=5),
            "wrapper": RFE(clf, n_features_to_select=5),
            "extraction": PCA(n_components=5)}
for name, reducer in reducers.items():  # each re-fit inside every training fold
    model = make_pipeline(StandardScaler(), reducer, clf)
    print(name, cross_val_score(model, X, y, cv=5).mean())
