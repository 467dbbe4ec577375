"""Binary data X, y with NaNs: values go missing at random, and more often when a row is positive."""

import numpy as np
from sklearn.datasets import make_classification

X, y = make_classification(n_samples=500, n_features=8, n_informative=5, random_state=0)
rng = np.random.default_rng(0)
missing_rate = np.where(y == 1, 0.25, 0.10)[:, None]  # missingness itself carries signal
X[rng.random(X.shape) < missing_rate] = np.nan
