"""Write a synthetic question bank of N questions: realistic in shape, deterministic for a seed.

Command line:
    python bench/synth.py N OUTDIR [--seed S] [--topics T]

OUTDIR receives `_topics.yml`, `_glossary.yml` and N `<id>.yml` question files in the
format of `questions/` (see questions/_schema.json). The schema itself is not copied: the
loader falls back to the repository's, so the benchmark always validates against the
current one. Each answer looks like a real one (about 3 KB, like the hand-written guide):
paragraphs, a bulleted list, inline and display math, a fenced code block, headings, one
inline `[[id]]` link and glossary terms to link; each question has 3 related ids, 3 tags,
a summary, 3-5 key points, follow-ups and references. The same (N, seed) always gives
byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# -- vocabulary -------------------------------------------------------------------------

AREAS = [
    "Foundations",
    "Data preparation",
    "Evaluation",
    "Classical algorithms",
    "Ensembles",
    "Deep learning",
    "Sequence models",
    "Computer vision",
    "Recommender systems",
    "Optimisation",
    "Probabilistic models",
    "Unsupervised learning",
    "Reinforcement learning",
    "MLOps",
    "Feature engineering",
    "Time series",
    "Causal inference",
    "Experimentation",
    "Large language models",
    "Distributed training",
]
QUALIFIERS = ["", "in practice", "at scale", "advanced topics", "case studies"]

CONCEPTS = [
    "gradient descent",
    "stochastic gradient descent",
    "momentum",
    "the learning rate",
    "weight decay",
    "dropout",
    "batch normalization",
    "layer normalization",
    "early stopping",
    "cross-validation",
    "the bias-variance trade-off",
    "regularization",
    "L1 regularization",
    "L2 regularization",
    "logistic regression",
    "linear regression",
    "decision trees",
    "random forests",
    "gradient boosting",
    "k-nearest neighbours",
    "support vector machines",
    "the kernel trick",
    "principal component analysis",
    "k-means clustering",
    "hierarchical clustering",
    "Gaussian mixture models",
    "naive Bayes",
    "the softmax function",
    "cross-entropy loss",
    "the ReLU activation",
    "vanishing gradients",
    "residual connections",
    "attention",
    "self-attention",
    "transformers",
    "recurrent networks",
    "LSTMs",
    "convolutional networks",
    "pooling layers",
    "transfer learning",
    "fine-tuning",
    "data augmentation",
    "class imbalance",
    "feature scaling",
    "one-hot encoding",
    "target encoding",
    "missing-value imputation",
    "outlier detection",
    "data leakage",
    "the ROC curve",
    "precision and recall",
    "the F1 score",
    "calibration",
    "A/B testing",
    "model monitoring",
    "concept drift",
    "feature stores",
    "embeddings",
    "word2vec",
    "beam search",
    "tokenization",
    "contrastive learning",
    "autoencoders",
    "variational autoencoders",
    "generative adversarial networks",
    "Q-learning",
    "policy gradients",
    "the exploration-exploitation trade-off",
    "Bayesian optimization",
    "hyperparameter search",
    "mixed-precision training",
    "gradient clipping",
    "knowledge distillation",
    "quantization",
    "model pruning",
    "matrix factorization",
    "collaborative filtering",
    "ARIMA models",
    "the Adam optimizer",
    "maximum likelihood estimation",
]
PROBLEMS = [
    "overfitting",
    "underfitting",
    "slow convergence",
    "noisy labels",
    "small datasets",
    "high-dimensional data",
    "distribution shift",
    "imbalanced classes",
    "exploding gradients",
    "long training times",
    "poor calibration",
    "cold-start users",
    "latency budgets",
]
CONTEXTS = [
    "in production",
    "for tabular data",
    "on imbalanced data",
    "with limited labels",
    "at inference time",
    "for ranking problems",
    "in online learning",
    "on streaming data",
    "for image models",
    "for text models",
    "with millions of features",
    "under a memory budget",
    "on a single GPU",
    "in a recommender system",
]
TITLE_TEMPLATES = [
    ("what", "What is {c}, and when would you use it {ctx}?"),
    ("how", "How does {c} work {ctx}?"),
    ("vs", "How does {c} differ from {c2} {ctx}?"),
    ("why", "Why does {c} help against {p} {ctx}?"),
    ("tune", "How would you choose the settings of {c} {ctx}?"),
    ("fail", "When does {c} fail, and what would you do instead {ctx}?"),
    ("explain", "Explain {c} to a product manager: what matters {ctx}?"),
    ("debug", "How would you debug {p} caused by {c} {ctx}?"),
]
FOLLOW_UP_TEMPLATES = [
    "How would you explain {c} to a non-technical stakeholder?",
    "What changes if the dataset is ten times larger?",
    "How does {c} interact with {c2}?",
    "Which metric would you monitor to detect {p}?",
    "What would you try first if {c} made training unstable?",
    "How would you test an implementation of {c}?",
]

GLOSSARY = [
    (
        "Gradient descent",
        "An iterative method that moves parameters against the gradient of the loss, by a step set by the learning rate.",
        ["gradient-based optimization"],
    ),
    ("Learning rate", "The step size of each parameter update; too large diverges, too small crawls.", ["step size"]),
    (
        "Overfitting",
        "Fitting noise in the training data so that error on unseen data rises while training error falls.",
        ["overfit"],
    ),
    (
        "Underfitting",
        "A model too simple or too constrained to capture the signal, with high error on training and test data.",
        [],
    ),
    (
        "Regularization",
        "Any constraint or penalty that trades a little training fit for better generalisation.",
        ["regularisation"],
    ),
    ("Dropout", "Randomly zeroing activations during training so units cannot co-adapt.", []),
    (
        "Batch normalization",
        "Normalising each layer's inputs over the mini-batch, then rescaling with learned parameters.",
        ["batch norm"],
    ),
    (
        "Cross-validation",
        "Estimating generalisation by training and scoring on several train/validation splits.",
        ["k-fold cross-validation"],
    ),
    ("Bias", "Error from wrong assumptions in the model: it misses the signal on average.", []),
    ("Variance", "Error from sensitivity to the particular training sample.", []),
    (
        "Loss function",
        "The quantity training minimises, measuring how far predictions are from targets.",
        ["objective function", "cost function"],
    ),
    ("Cross-entropy", "The negative log-likelihood of the true class under the predicted distribution.", ["log loss"]),
    ("Softmax", "A function turning a vector of scores into probabilities that sum to one.", []),
    ("ReLU", "The rectified linear unit, max(0, x): cheap, and its gradient does not saturate for positive inputs.", []),
    ("Sigmoid", "The logistic function 1 / (1 + e^-x), squashing a score into (0, 1).", ["logistic function"]),
    ("Embedding", "A learned dense vector that represents a discrete item such as a word or a user.", ["embeddings"]),
    ("Attention", "A weighted average of values, with weights from the similarity of a query to keys.", ["attention mechanism"]),
    ("Transformer", "A network built from self-attention and feed-forward blocks, with no recurrence.", ["transformers"]),
    ("Convolution", "Sliding a small learned filter over an input, sharing weights across positions.", ["convolutions"]),
    (
        "Recurrent neural network",
        "A network that carries a hidden state from one step of a sequence to the next.",
        ["RNN", "RNNs"],
    ),
    ("Precision", "The share of predicted positives that are truly positive.", []),
    ("Recall", "The share of true positives the model finds.", ["sensitivity"]),
    ("F1 score", "The harmonic mean of precision and recall.", []),
    ("AUC", "The area under the ROC curve: the probability a random positive outranks a random negative.", ["ROC AUC"]),
    ("Calibration", "Agreement between predicted probabilities and observed frequencies.", []),
    (
        "Data leakage",
        "Information from outside the training data, often the future or the target, that inflates offline scores.",
        ["leakage"],
    ),
    (
        "Feature scaling",
        "Putting features on comparable ranges so distance- and gradient-based methods behave.",
        ["normalization"],
    ),
    ("One-hot encoding", "Representing a category as a vector with a single one.", []),
    ("Imputation", "Filling missing values with estimates.", []),
    ("Outlier", "An observation far from the bulk of the data.", ["outliers"]),
    ("Decision tree", "A model that splits the feature space with a sequence of threshold questions.", ["decision trees"]),
    ("Random forest", "An average of decorrelated decision trees trained on bootstrap samples.", ["random forests"]),
    ("Gradient boosting", "Adding weak learners one at a time, each fitted to the current residuals.", []),
    ("Support vector machine", "A maximum-margin classifier, often with a kernel.", ["SVM", "SVMs"]),
    ("Kernel trick", "Computing inner products in a feature space without building it.", []),
    ("Principal component analysis", "Projecting data onto the directions of greatest variance.", ["PCA"]),
    ("K-means", "Clustering by alternating nearest-centroid assignment and centroid updates.", []),
    ("Transfer learning", "Reusing a model trained on one task as the start for another.", []),
    ("Fine-tuning", "Continuing training of a pretrained model on a new task.", []),
    ("Data augmentation", "Creating new training examples by label-preserving transformations.", []),
    ("Concept drift", "A change over time in the relationship between inputs and target.", ["drift"]),
    ("A/B test", "A randomised experiment comparing two variants on live traffic.", ["A/B testing"]),
    ("Hyperparameter", "A setting chosen before training rather than learned, such as the learning rate.", ["hyperparameters"]),
    ("Mini-batch", "A small random subset of the training data used for one update.", ["mini-batches"]),
    ("Epoch", "One full pass over the training data.", ["epochs"]),
    ("Gradient clipping", "Rescaling gradients whose norm exceeds a threshold.", []),
    ("Quantization", "Storing weights and activations with fewer bits to save memory and time.", []),
    ("Knowledge distillation", "Training a small student model to match a large teacher's outputs.", ["distillation"]),
    ("Maximum likelihood", "Choosing parameters that make the observed data most probable.", ["MLE"]),
    ("Vanishing gradient", "Gradients shrinking layer by layer until early layers stop learning.", ["vanishing gradients"]),
]

BASE_TAGS = [
    "optimization",
    "regularization",
    "generalization",
    "metrics",
    "probability",
    "linear-algebra",
    "statistics",
    "neural-networks",
    "trees",
    "kernels",
    "clustering",
    "dimensionality-reduction",
    "nlp",
    "vision",
    "production",
    "monitoring",
    "data-quality",
    "feature-engineering",
    "sampling",
    "loss-functions",
    "gradients",
    "scaling",
    "latency",
    "experimentation",
    "ranking",
    "embeddings",
    "sequence",
    "generative",
    "reinforcement",
    "bayesian",
]

INLINE_MATH = [
    r"$\nabla_\theta \mathcal{L}$",
    r"$\hat{y} = \sigma(w^\top x + b)$",
    r"$O(n \log n)$",
    r"$\lambda \lVert w \rVert_2^2$",
    r"$p(y \mid x)$",
    r"$\eta$",
    r"$\theta_{t+1} = \theta_t - \eta g_t$",
    r"$\mathbb{E}[(y - \hat{f}(x))^2]$",
    r"$k$",
    r"$d \gg n$",
    r"$\operatorname{softmax}(z)_i$",
    r"$\beta_1 = 0.9$",
    r"$\mathcal{O}(d^2)$",
    r"$x \in \mathbb{R}^d$",
    r"$\sum_i w_i = 1$",
]
DISPLAY_MATH = [
    r"\mathcal{L}(\theta) = -\frac{1}{n} \sum_{i=1}^{n} \left[ y_i \log \hat{y}_i + (1 - y_i) \log (1 - \hat{y}_i) \right]",
    r"\theta_{t+1} = \theta_t - \eta \, \nabla_\theta \mathcal{L}(\theta_t)",
    r"\operatorname{Attention}(Q, K, V) = \operatorname{softmax}\!\left( \frac{Q K^\top}{\sqrt{d_k}} \right) V",
    r"\mathbb{E}\big[(y - \hat{f}(x))^2\big] = \operatorname{Bias}[\hat{f}(x)]^2 + \operatorname{Var}[\hat{f}(x)] + \sigma^2",
    r"F_1 = 2 \cdot \frac{\text{precision} \cdot \text{recall}}{\text{precision} + \text{recall}}",
    r"m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t, \qquad v_t = \beta_2 v_{t-1} + (1 - \beta_2) g_t^2",
    r"\hat{w} = \arg\min_w \; \lVert y - X w \rVert_2^2 + \lambda \lVert w \rVert_1",
    r"p(z \mid x) = \frac{p(x \mid z)\, p(z)}{\int p(x \mid z')\, p(z')\, dz'}",
]
CODE_SNIPPETS = [
    """import numpy as np

rng = np.random.default_rng({seed})
X = rng.normal(size=({n}, {d}))
w = np.zeros({d})
for step in range({steps}):
    grad = X.T @ (X @ w - y) / len(X)
    w -= {lr} * grad""",
    """from sklearn.model_selection import cross_val_score
from sklearn.linear_model import LogisticRegression

model = LogisticRegression(C={lr}, max_iter={steps})
scores = cross_val_score(model, X, y, cv={k}, scoring="roc_auc")
print(scores.mean(), scores.std())""",
    """import torch
from torch import nn

model = nn.Sequential(nn.Linear({d}, {n}), nn.ReLU(), nn.Dropout(0.{k}), nn.Linear({n}, 1))
optimizer = torch.optim.AdamW(model.parameters(), lr={lr}, weight_decay=1e-2)
loss = nn.functional.binary_cross_entropy_with_logits(model(x).squeeze(-1), y)
loss.backward()
torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
optimizer.step()""",
    """def precision_recall(y_true, y_pred):
    tp = sum(t and p for t, p in zip(y_true, y_pred))
    fp = sum((not t) and p for t, p in zip(y_true, y_pred))
    fn = sum(t and (not p) for t, p in zip(y_true, y_pred))
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)""",
    """import pandas as pd

df = pd.read_parquet("events.parquet")
train = df[df.timestamp < "2024-0{k}-01"]
valid = df[df.timestamp >= "2024-0{k}-01"]
assert train.user_id.isin(valid.user_id).mean() < 0.{k}  # no leakage through users""",
]
OPENERS = [
    "In an interview, start from what {c} optimises and why that matters {ctx}.",
    "The short version is that {c} trades a little flexibility for a lot of stability.",
    "{C} is easiest to understand by looking at what goes wrong without it.",
    "Most practitioners meet {c} when fighting {p}, and that is a good way to frame the answer.",
    "Think of {c} as a knob: turned one way it reduces bias, turned the other it reduces variance.",
]
SENTENCES = [
    "The update rule {m} makes the role of the step size explicit, and the learning rate decides how far each step goes.",
    "With {c2}, the same idea shows up in a different form, which is why interviewers like to ask about both.",
    "A common mistake is to tune {c} on the test set, which is a quiet form of data leakage.",
    "On a mini-batch the gradient is noisy, so the estimate {m} is only correct on average.",
    "The cost grows as {m}, which is fine for thousands of rows and painful for billions.",
    "Regularization, for example a penalty {m}, pulls the weights towards zero and reduces overfitting.",
    "If the validation curve rises while the training curve keeps falling, you are overfitting: stop early or add dropout.",
    "Scaling the inputs first (feature scaling) keeps the loss surface round, so gradient descent converges faster.",
    "For classification, report precision and recall alongside AUC, because accuracy hides class imbalance.",
    "Embeddings learned this way can be reused through transfer learning and fine-tuning on a smaller task.",
    "When the data drifts, the model's calibration degrades first, so monitor it before the headline metric moves.",
    "Cross-validation gives a less noisy estimate than a single split, at {k} times the training cost.",
    "Attention lets every position look at every other one, which is powerful and costs {m} in memory.",
    "In practice the hyperparameters interact, so search them jointly rather than one at a time.",
    "A decision tree would handle this without any scaling, and a random forest would average away much of its variance.",
    "Under {p}, simpler baselines such as logistic regression are often harder to beat than expected.",
]
BULLETS = [
    "**Start simple**: a linear baseline tells you how much {c} actually adds.",
    "**Watch the curves**: training and validation loss together reveal overfitting or underfitting.",
    "**Mind the data**: {p} usually matters more than the choice of model.",
    "**Measure the cost**: training time and memory grow as {m}.",
    "**Check calibration** when probabilities feed a downstream decision.",
    "**Guard against leakage**: fit every preprocessing step inside the cross-validation loop.",
    "**Tune one thing at a time** only after a coarse joint search of the hyperparameters.",
    "**Log everything**: seeds, data versions and hyperparameters make results reproducible.",
]
HEADINGS = ["How it works", "The intuition", "The mathematics", "In code", "Pitfalls", "In production", "Trade-offs"]
KEY_POINTS = [
    "{C} reduces {p} at the price of extra tuning.",
    "Always compare against a simple baseline before adding {c}.",
    "The update {m} is the core of the method.",
    "Validate with cross-validation; never tune on the test set.",
    "Watch calibration and drift once the model is in production.",
    "Cost grows as {m}; plan for it {ctx}.",
    "{C} and {c2} solve related problems in different ways.",
]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Meta:
    """What the generator decides before writing any answer text (ids must exist first)."""

    id: str
    title: str
    concept: str
    concept2: str
    problem: str
    context: str
    topics: list[str]
    difficulty: str
    tags: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)


def topic_count(n: int) -> int:
    """About 100 questions a topic at scale, at least 8 topics: topic pages stay readable."""
    return max(8, round(n / 100))


def tag_pool(n: int) -> list[str]:
    """About 40 questions a tag at scale: the base tags, then pairs of them (≤ 40 characters, as the schema asks)."""
    size = max(len(BASE_TAGS), n // 40)
    count = len(BASE_TAGS)
    pairs = [
        f"{a}-{BASE_TAGS[(index + step) % count]}"
        for step in range(1, count)
        for index, a in enumerate(BASE_TAGS)
        if len(a) + 1 + len(BASE_TAGS[(index + step) % count]) <= 40
    ]
    return (BASE_TAGS + pairs)[:size]


def make_topics(n: int, count: int | None = None) -> list[tuple[str, str, str]]:
    """(id, title, description) for each topic."""
    names = [f"{area} {q}".strip() if q else area for q in QUALIFIERS for area in AREAS]
    count = count or topic_count(n)
    result = []
    for index in range(count):
        title = names[index] if index < len(names) else f"{names[index % len(names)]} {index // len(names) + 1}"
        result.append(
            (
                slugify(title),
                title,
                f"Questions on {title.lower()}: the ideas, the trade-offs and the mistakes interviewers probe.",
            )
        )
    return result


def make_metas(rng: random.Random, n: int, topics: list[tuple[str, str, str]], tags: list[str]) -> list[Meta]:
    metas: list[Meta] = []
    titles: set[str] = set()
    ids: set[str] = set()
    topic_ids = [t[0] for t in topics]
    for index in range(n):
        while True:
            key, template = rng.choice(TITLE_TEMPLATES)
            c, c2 = rng.sample(CONCEPTS, 2)
            p, ctx = rng.choice(PROBLEMS), rng.choice(CONTEXTS)
            title = template.format(c=c, c2=c2, p=p, ctx=ctx)
            title = title[0].upper() + title[1:]
            if title not in titles:
                break
        titles.add(title)
        base = slugify(c.removeprefix("the "))
        qid = f"{base}-{key}-{slugify(ctx)}" if key != "vs" else f"{base}-vs-{slugify(c2.removeprefix('the '))}"
        qid = qid[:70].strip("-")
        suffix = 2
        candidate = qid
        while candidate in ids:
            candidate = f"{qid}-{suffix}"
            suffix += 1
        ids.add(candidate)
        # Spread questions evenly over topics; one in five also belongs to a second topic.
        primary = topic_ids[index % len(topic_ids)]
        qtopics = [primary]
        if rng.random() < 0.2:
            qtopics.append(rng.choice([t for t in topic_ids if t != primary]))
        difficulty = rng.choices(["beginner", "intermediate", "advanced"], weights=[3, 5, 2])[0]
        metas.append(Meta(candidate, title, c, c2, p, ctx, qtopics, difficulty, rng.sample(tags, 3)))
    by_topic: dict[str, list[str]] = {}
    for m in metas:
        by_topic.setdefault(m.topics[0], []).append(m.id)
    all_ids = [m.id for m in metas]
    for m in metas:
        # Two related questions from the same topic, one from anywhere: as authors do.
        same = [i for i in rng.sample(by_topic[m.topics[0]], min(4, len(by_topic[m.topics[0]]))) if i != m.id][:2]
        related = list(same)
        while len(related) < 3:
            other = rng.choice(all_ids)
            if other != m.id and other not in related:
                related.append(other)
        m.related = related
    return metas


def _fill(rng: random.Random, template: str, m: Meta) -> str:
    return template.format(
        c=m.concept,
        C=m.concept[0].upper() + m.concept[1:],
        c2=m.concept2,
        p=m.problem,
        ctx=m.context,
        m=rng.choice(INLINE_MATH),
        k=rng.randint(3, 9),
    )


def _paragraph(rng: random.Random, m: Meta, sentences: int, opener: bool = False) -> str:
    parts = [_fill(rng, rng.choice(OPENERS), m)] if opener else []
    parts += [_fill(rng, s, m) for s in rng.sample(SENTENCES, sentences)]
    return _wrap(" ".join(parts))


def _wrap(text: str, width: int = 96) -> str:
    """Break prose into lines, never inside `$...$` (inline math cannot span lines)."""
    words = re.findall(r"(?:[^\s$]*\$[^$]+\$)+[^\s$]*|\S+", text)
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def make_answer(rng: random.Random, m: Meta, titles: dict[str, str]) -> str:
    link_target = rng.choice(m.related)
    link = (
        f"[[{link_target}]]"
        if rng.random() < 0.5
        else f"[[{link_target}|{titles[link_target].split(',')[0].rstrip('?').lower()}]]"
    )
    heads = rng.sample(HEADINGS, 3)
    code = rng.choice(CODE_SNIPPETS).format(
        seed=rng.randint(0, 99),
        n=rng.choice([64, 128, 256]),
        d=rng.choice([8, 16, 32]),
        steps=rng.choice([100, 500, 1000]),
        lr=rng.choice([0.01, 0.1, 0.001]),
        k=rng.randint(3, 9),
    )
    blocks = [
        _paragraph(rng, m, 3, opener=True) + f"\nSee also {link}.",
        f"### {heads[0]}",
        _paragraph(rng, m, 2),
        "$$\n" + rng.choice(DISPLAY_MATH) + "\n$$",
        _paragraph(rng, m, 2),
        "\n".join("- " + _fill(rng, b, m) for b in rng.sample(BULLETS, rng.randint(3, 5))),
        f"### {heads[1]}",
        _paragraph(rng, m, 2),
        "```python\n" + code + "\n```",
        f"### {heads[2]}",
        _paragraph(rng, m, 3),
    ]
    return "\n\n".join(blocks)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: str = "  ") -> str:
    return "\n".join(indent + line if line else "" for line in text.split("\n"))


def question_yaml(rng: random.Random, m: Meta, titles: dict[str, str]) -> str:
    summary = _wrap(
        f"{m.concept[0].upper() + m.concept[1:]} matters because it shapes how a model handles {m.problem} {m.context}. "
        + _fill(rng, rng.choice(SENTENCES), m)
    )
    key_points = [_fill(rng, t, m) for t in rng.sample(KEY_POINTS, rng.randint(3, 5))]
    follow_ups = [_fill(rng, t, m) for t in rng.sample(FOLLOW_UP_TEMPLATES, rng.randint(2, 3))]
    wiki = m.concept.removeprefix("the ").replace(" ", "_").capitalize()
    references = [(f"Wikipedia: {m.concept.removeprefix('the ')}", f"https://en.wikipedia.org/wiki/{wiki}")]
    if rng.random() < 0.5:
        references.append(("Deep Learning (Goodfellow, Bengio, Courville)", "https://www.deeplearningbook.org/"))
    out = [
        "# yaml-language-server: $schema=_schema.json",
        f"id: {m.id}",
        f"title: {_q(m.title)}",
        f"topics: [{', '.join(m.topics)}]",
        f"difficulty: {m.difficulty}",
        f"tags: [{', '.join(m.tags)}]",
        "summary: >-",
        _block(summary),
        "answer: |",
        _block(make_answer(rng, m, titles)),
        "key_points:",
        *(f"  - {_q(p)}" for p in key_points),
        f"related: [{', '.join(m.related)}]",
        "follow_ups:",
        *(f"  - {_q(f)}" for f in follow_ups),
        "references:",
    ]
    for title, url in references:
        out += [f"  - title: {_q(title)}", f"    url: {url}"]
    return "\n".join(out) + "\n"


def topics_yaml(topics: list[tuple[str, str, str]]) -> str:
    out = ["# Synthetic topics (bench/synth.py)."]
    for order, (tid, title, description) in enumerate(topics, start=1):
        out += [f"- id: {tid}", f"  title: {_q(title)}", f"  order: {order}", f"  description: {_q(description)}"]
    return "\n".join(out) + "\n"


def glossary_yaml(rng: random.Random, ids: list[str]) -> str:
    out = ["# Synthetic glossary (bench/synth.py)."]
    for term, definition, aliases in GLOSSARY:
        out += [f"- term: {_q(term)}", f"  definition: {_q(definition)}"]
        if aliases:
            out.append(f"  aliases: [{', '.join(_q(a) for a in aliases)}]")
        out.append(f"  related: [{', '.join(rng.sample(ids, min(2, len(ids))))}]")
    return "\n".join(out) + "\n"


def generate(n: int, outdir: Path, seed: int = 0, topics: int | None = None) -> list[str]:
    """Write the synthetic guide into `outdir` (created, must hold no question files); return the ids."""
    rng = random.Random(seed)
    outdir.mkdir(parents=True, exist_ok=True)
    if any(p.suffix == ".yml" for p in outdir.iterdir()):
        raise SystemExit(f"{outdir} already holds .yml files: give an empty folder")
    topics = make_topics(n, topics)
    metas = make_metas(rng, n, topics, tag_pool(n))
    titles = {m.id: m.title for m in metas}
    (outdir / "_topics.yml").write_text(topics_yaml(topics), encoding="utf-8")
    for m in metas:
        (outdir / f"{m.id}.yml").write_text(question_yaml(rng, m, titles), encoding="utf-8")
    (outdir / "_glossary.yml").write_text(glossary_yaml(rng, [m.id for m in metas]), encoding="utf-8")
    return [m.id for m in metas]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="synth.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of questions")
    parser.add_argument("outdir", type=Path, help="folder to write into (created; must hold no .yml files)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--topics", type=int, default=None, help="number of topics (default: N/100, at least 8)")
    args = parser.parse_args(argv)
    ids = generate(args.count, args.outdir, args.seed, args.topics)
    print(f"{len(ids)} questions written to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
