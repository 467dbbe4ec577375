"""Gaussian X_train / X_test with a few extreme values in column 0 and one anomalous test row."""

import numpy as np

rng = np.random.default_rng(0)
X_train = rng.normal(size=(500, 3))
X_train[:5, 0] = 15.0  # data-entry errors in the first feature
X_test = rng.normal(size=(100, 3))
X_test[0] = [8.0, 8.0, 8.0]  # a row unlike anything seen in training
