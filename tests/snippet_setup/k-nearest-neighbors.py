"""Noisy two-moons training data X_train, y_train plus two uninformative large-scale features."""

import numpy as np
from sklearn.datasets import make_moons

X, y_train = make_moons(n_samples=400, noise=0.3, random_state=0)
rng = np.random.default_rng(0)
X_train = np.hstack([X, rng.normal(scale=100.0, size=(400, 2))])  # why scaling matters for distances
