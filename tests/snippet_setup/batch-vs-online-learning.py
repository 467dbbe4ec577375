"""stream: 10 hourly batches (X_chunk, y_chunk) of binary data whose decision boundary drifts slowly."""

import numpy as np

rng = np.random.default_rng(0)


def _batches(n_batches=10, size=200):
    for hour in range(n_batches):
        X_chunk = rng.normal(size=(size, 5))
        w = np.array([1.0, -1.0, 0.5, 0.0, 0.1 * hour])  # the last feature gains weight over time
        y_chunk = (X_chunk @ w + rng.normal(scale=0.5, size=size) > 0).astype(int)
        yield X_chunk, y_chunk


stream = _batches()
