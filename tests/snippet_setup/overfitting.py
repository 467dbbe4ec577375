"""Noisy classification data X, y (10% flipped labels), so an unlimited-depth tree memorises the noise."""

from sklearn.datasets import make_classification

X, y = make_classification(n_samples=600, n_features=20, n_informative=5, flip_y=0.1, random_state=0)
