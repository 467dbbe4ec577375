"""Regression data X, y where only the first 5 of 30 features carry signal, so L1 has weights to zero out."""

import numpy as np

rng = np.random.default_rng(0)
X = rng.normal(size=(200, 30))
y = X[:, :5] @ np.array([1.5, -2.0, 1.0, 0.5, -1.0]) + rng.normal(scale=1.0, size=200)
