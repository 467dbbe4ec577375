"""The guide itself: all 40 seed questions, each complete enough to learn from."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT
from studyguide.loader import load_guide

MATH_EXPECTED = {
    "bias-variance-tradeoff",
    "logistic-vs-linear-regression",
    "l1-vs-l2-regularization",
    "gradient-descent",
    "precision-vs-recall",
    "roc-auc",
    "decision-trees",
    "kernel-trick",
    "regression-metrics",
    "activation-functions",
    "text-preprocessing",
}


@pytest.fixture(scope="module")
def guide():
    return load_guide(ROOT / "questions")


def test_all_forty_questions_are_in(guide) -> None:
    assert len(guide.questions) >= 40


@pytest.mark.parametrize("field", ["summary", "answer"])
def test_every_question_has_text(guide, field: str) -> None:
    for q in guide.questions:
        assert getattr(q, field).strip(), q.id


def test_every_question_is_complete(guide) -> None:
    for q in guide.questions:
        assert 3 <= len(q.key_points) <= 5, q.id
        assert len(q.related) >= 2, q.id
        assert 2 <= len(q.follow_ups) <= 3, q.id
        words = len(q.answer.split())
        # Length by depth, not a fixed budget: design walk-throughs and answers that carry a derivation
        # (Mann-Whitney AUC plus the operating point, LSTM/GRU equations, Adam) need up to ~750 words.
        assert 150 <= words <= 800, f"{q.id}: {words} words"
        assert len(q.summary.split()) <= 45, q.id


def test_every_follow_up_has_a_short_model_answer(guide) -> None:
    for q in guide.questions:
        for follow_up in q.follow_ups:
            assert follow_up.answer, f"{q.id}: {follow_up.question}"
            sentences = len(re.findall(r"[.!?](?:\s|$)", follow_up.answer.strip()))
            words = len(follow_up.answer.split())
            assert sentences >= 2 and words <= 130, f"{q.id}: {follow_up.question} ({sentences} sentences, {words} words)"


def test_every_topic_has_at_least_three_questions(guide) -> None:
    for topic in guide.topics:
        assert len(guide.questions_in(topic.id)) >= 3, topic.id


def test_formulas_where_the_topic_has_one(guide) -> None:
    for qid in MATH_EXPECTED:
        assert "$$" in guide.question(qid).answer or re.search(r"\$[^$]+\$", guide.question(qid).answer), qid


def test_behavioural_answers_teach_a_structure_not_a_story(guide) -> None:
    for qid in ("business-impact-project", "improving-model-accuracy"):
        answer = guide.question(qid).answer.lower()
        assert "situation" in answer and "result" in answer, qid
        assert "example" in answer, qid


def test_the_source_errors_are_fixed(guide) -> None:
    # Seed Q12 called precision crucial for medical diagnosis: screening favours recall.
    assert "recall" in guide.question("precision-vs-recall").summary.lower()
    # Seed Q7 claimed ensembles handle missing values as such.
    answer = guide.question("ensemble-methods").answer.lower()
    assert "missing" in answer and "implementation" in answer


def test_glossary_covers_the_guide(guide) -> None:
    assert len(guide.glossary) >= 40
    from studyguide.glossary import GlossaryMatcher

    _, used = GlossaryMatcher(guide.glossary).link_terms([q.answer for q in guide.questions], lambda text, entry: text)
    assert len(used) >= 40, "most glossary terms appear in some answer"


# Formulas belong in $...$ math, never in plain-text pseudo-LaTeX ("p_k^2", "W_{l+1}^T",
# "TP/(TP+FP)"). Math, code and link targets are removed first; what remains is prose.
_NOT_PROSE = re.compile(
    r"^(?P<fence>`{3,}|~{3,}).*?^(?P=fence)"  # fenced code
    r"|\$\$.*?\$\$"  # display math
    r"|`[^`\n]+`"  # inline code
    r"|(?<![\\$])\$[^$\n]+\$"  # inline math
    r"|\]\([^)\n]*\)|https?://\S+",  # link targets and bare URLs
    re.DOTALL | re.MULTILINE,
)
_PSEUDO_LATEX = {
    "TeX sub/superscript braces": r"[_^]\{",
    "caret power or transpose": r"\^(?:T\b|top\b|-?\d)",
    "TeX command": r"\\[A-Za-z]+",
    "subscripted symbol": r"\b[A-Za-z]{1,5}_[A-Za-z0-9]{1,3}\b",
    "function written in plain text": r"\b(?:exp|log2?|ln|sqrt|tanh|sigmoid|max|min|floor|ceil|softmax|argmax|argmin|diag|sup)\([^)\n]*\)",
    "function of single-letter symbols": r"\b[A-Za-z]\([A-Za-z](?:,\s*[A-Za-z])*\)",
    "probability or big-O notation": r"\b[PO]\([^)\n]*\)",
    "division by a bracket": r"\w\s*/\s*\(",
    "comparison of symbols": r"(?<![\w$])[A-Za-z]\s*(?:<=?|>=?|≤|≥)\s*[A-Za-z0-9](?!\w)",
    "Greek letter or math symbol": r"[\u0370-\u03ff⟨⟩∑∏√∞∈≈≠]",
}


def _pseudo_latex(text: str) -> list[str]:
    prose = _NOT_PROSE.sub(" ", text)
    found = []
    for label, pattern in _PSEUDO_LATEX.items():
        for match in re.finditer(pattern, prose):
            context = prose[max(0, match.start() - 30) : match.end() + 30].replace("\n", " ")
            found.append(f"{label}: ...{context}...")
    return found


def test_formulas_outside_math_are_refused(guide) -> None:
    problems = []
    for q in guide.questions:
        fields = [("summary", q.summary), ("answer", q.answer)]
        fields += [(f"key_points[{i}]", point) for i, point in enumerate(q.key_points)]
        for name, text in fields:
            problems += [f"{q.id}.{name}: {hit} (write it as $...$ math)" for hit in _pseudo_latex(text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("text", "caught"),
    [
        ("Delta recursion: delta_l = (W_{l+1}^T delta_{l+1}) times f'(z_l).", True),
        ("Gini = 1 - sum p_k^2.", True),
        ("Precision = TP/(TP+FP).", True),
        ("ReLU, max(0, z), is the default.", True),
        ("A kernel k(x, z) = ⟨φ(x), φ(z)⟩.", True),
        ("Data drift changes P(X).", True),
        ("Gini $= 1 - \\sum_k p_k^2$; prune with `ccp_alpha`.", False),
        ("```python\nx_t = W.T @ h_t ** 2\n```\nPlain prose.", False),
        ("See [the docs](https://example.org/a_b/c^2).", False),
    ],
)
def test_the_formula_check_tells_math_from_prose(text: str, caught: bool) -> None:
    assert bool(_pseudo_latex(text)) is caught, _pseudo_latex(text)


# The guide is written in American English: titles, answers, topics and glossary alike.
_IZE_STEMS = (
    "anonym|author|binar|capital|categor|central|character|critic|custom|discret|emphas|equal|final|general|harmon"
    "|hypothes|initial|lemmat|linear|local|maxim|memor|minim|modern|neutral|normal|optim|organ|parallel|parameter"
    "|penal|personal|polar|priorit|quant|random|rational|real|recogn|regular|sanit|serial|special|stabil|standard"
    "|summar|symbol|synthes|token|util|vector|visual|winsor"
)
_BRITISH = re.compile(
    r"\b(?:un|re|de|mis|over|under)?(?:"
    rf"(?:{_IZE_STEMS})is(?:e|es|ed|ing|ation|ations|er|ers|able)"
    r"|analys(?:e|ed|ing)"
    r"|(?:behavio|colo|flavo|favo|hono|humo|labo|rumo|vapo|harbo|endeavo|armo|odo|savo|vigo|rigo|tumo|neighbo)"
    r"ur(?:s|ed|ing|ite|ites|al|hood|able|ful)?"
    r"|(?:cent|met|millimet|centimet|kilomet|lit|fib|theat)re(?:s|d)?"
    r"|(?:label|model|travel|cancel|signal|channel|funnel|tunnel|level|fuel|total|dial)l(?:ed|ing|er|ers)"
    r"|artefacts?|judgements?|acknowledgements?|grey|licences?|defence|offence|pretence|programmes?|catalogues?"
    r"|analogue|ageing|fulfil|enrol|skilful|wilful|sceptic(?:al|ism)?|manoeuvres?|learnt|cheques?|tyres?"
    r"|fulfilment|enrolment|instalments?|aluminium|towards|afterwards|backwards"
    r")\b",
    re.IGNORECASE,
)


def _british_spellings(text: str) -> list[tuple[int, str]]:
    return [
        (number, match.group(0))
        for number, line in enumerate(text.splitlines(), start=1)
        for match in _BRITISH.finditer(re.sub(r"https?://\S+", " ", line))
    ]


def test_american_spelling_throughout() -> None:
    questions = ROOT / "questions"
    problems = [
        f"{path.relative_to(ROOT)}:{number}: British spelling {word!r}"
        for path in sorted(questions.glob("*.yml"))
        for number, word in _british_spellings(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("text", "caught"),
    [
        ("Regularisation helps models generalise.", True),
        ("Its behaviour and colour.", True),
        ("Unlabelled data; modelling; the centre; an artefact.", True),
        ("Regularization helps models generalize; labeled data, modeling, the center.", False),
        ("Noise, precise, otherwise, supervised, raise, promising, optimistic, controlled.", False),
        ("url: https://en.wikipedia.org/wiki/Regularisation_(mathematics)", False),
    ],
)
def test_the_spelling_check_knows_british_from_american(text: str, caught: bool) -> None:
    assert bool(_british_spellings(text)) is caught, _british_spellings(text)
