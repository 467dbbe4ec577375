train_texts=['good movie','great film, not bad','not good at all','terrible plot','bad acting, not great','loved it, great']*5
train_labels=[1,1,0,0,0,1]*5
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

model = make_pipeline(
    TfidfVectorizer(lowercase=True, ngram_range=(1, 2), min_df=2, sublinear_tf=True),
    LogisticRegression(max_iter=1000),
)
model.fit(train_texts, train_labels)  # vocabulary and IDF come from training text only
model.predict(["not good at all", "surprisingly great"])
print(model.predict(['not good at all', 'surprisingly great']))
