"""Customer features X and churn labels y (0/1), about one churner in five."""

from sklearn.datasets import make_classification

X, y = make_classification(n_samples=500, n_features=8, n_informative=5, weights=[0.8], random_state=0)
