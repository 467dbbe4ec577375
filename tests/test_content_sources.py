"""This guide's own content: the 40 questions of the source article carry the `classic-40` tag."""

from __future__ import annotations

from helpers import ROOT
from studyguide.loader import load_guide

SOURCE_TAG = "classic-40"


def test_the_forty_source_article_questions_are_tagged_classic_40() -> None:
    # The home page says which questions come from the article; the tag is how a reader finds them.
    guide = load_guide(ROOT / "questions")
    tagged = [q.id for q in guide.questions if SOURCE_TAG in q.tags]
    assert len(tagged) == 40, sorted(tagged)
    # The behavioural pair and a few landmarks of the article are among them.
    for qid in ("business-impact-project", "improving-model-accuracy", "kernel-trick", "reinforcement-learning"):
        assert qid in tagged, qid
