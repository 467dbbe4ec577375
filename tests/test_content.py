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
        assert 150 <= words <= 450, f"{q.id}: {words} words"
        assert len(q.summary.split()) <= 45, q.id


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
