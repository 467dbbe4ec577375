"""Short review texts train_texts with sentiment labels train_labels (1 positive, 0 negative)."""

train_texts = [
    "good movie",
    "great film, not bad",
    "not good at all",
    "terrible plot",
    "bad acting, not great",
    "loved it, great",
] * 5
train_labels = [1, 1, 0, 0, 0, 1] * 5
