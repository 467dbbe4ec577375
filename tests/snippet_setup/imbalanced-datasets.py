"""Imbalanced binary data X, y: about 5% positives."""

from sklearn.datasets import make_classification

X, y = make_classification(n_samples=1500, n_features=20, weights=[0.95], random_state=0)
