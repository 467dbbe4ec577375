"""Small binary training set X_train, y_train (200 rows, 5 features), kept small because the search makes 200 fits."""

from sklearn.datasets import make_classification

X_train, y_train = make_classification(n_samples=200, n_features=5, n_informative=3, n_redundant=1, random_state=0)
