"""Housing features X with two targets from the same rows: a real-valued y_price and a 0/1 y_sold_above_ask."""

from sklearn.datasets import make_regression

X, y_price = make_regression(n_samples=400, n_features=8, n_informative=5, noise=20.0, random_state=0)
y_price = 300_000 + 1_000 * y_price
y_sold_above_ask = (y_price > 320_000).astype(int)
