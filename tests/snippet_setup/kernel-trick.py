"""Concentric circles X_train, y_train: not linearly separable, easy for an RBF kernel."""

from sklearn.datasets import make_circles

X_train, y_train = make_circles(n_samples=300, noise=0.1, factor=0.5, random_state=0)
