"""Pure-noise X (200 rows, 5000 features) and random labels y, two rows per patient in patient_id."""

import numpy as np

rng = np.random.default_rng(0)
X = rng.normal(size=(200, 5000))
y = rng.integers(0, 2, 200)
patient_id = np.repeat(np.arange(100), 2)
