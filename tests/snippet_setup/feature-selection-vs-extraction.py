"""The breast-cancer data: X with 30 correlated numeric features, binary labels y."""

from sklearn.datasets import load_breast_cancer

X, y = load_breast_cancer(return_X_y=True)
