"""Validation labels y_val and a fitted classifier's positive-class probabilities proba for them."""

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

X, y = make_classification(n_samples=1000, n_features=20, weights=[0.8], random_state=0)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
proba = LogisticRegression(max_iter=1000).fit(X_train, y_train).predict_proba(X_val)[:, 1]
