"""The one model of a study guide: what the loader returns and every renderer takes.

Nothing downstream of `loader.load_guide` reads YAML again; renderers receive these
frozen objects and the `Guide` that ties them together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import Problem

DIFFICULTIES: tuple[str, ...] = ("beginner", "intermediate", "advanced")
"""Difficulty levels, easiest first; listings are ordered by this."""


@dataclass(frozen=True)
class Formula:
    """A core formula for the printed cheat sheet: a short label and its LaTeX (no `$`)."""

    label: str
    latex: str


@dataclass(frozen=True)
class Comparison:
    """The table an "X vs Y" question earns on the cheat sheet: a header row and rows of cells (inline Markdown)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SheetContent:
    """What a question adds to the cheat sheet besides its summary (the `cheatsheet:` field)."""

    formulas: tuple[Formula, ...] = ()
    comparison: Comparison | None = None


@dataclass(frozen=True)
class Reference:
    """A further-reading link attached to a question."""

    title: str
    url: str


Point = tuple[float, float]


@dataclass(frozen=True)
class Axis:
    label: str
    min: float
    max: float
    ticks: tuple[float, ...]
    tick_labels: bool = True


@dataclass(frozen=True)
class Mark:
    """One drawn series: a polyline (points or a sampled formula), a polygon or a circle."""

    kind: str
    """"line", "polygon" or "circle" (then `points` is the centre and `radius` is set)."""
    points: tuple[Point, ...]
    colour: int
    line: str = "solid"
    marker: str = "none"
    fill: bool = False
    label: str = ""
    radius: float = 0.0


@dataclass(frozen=True)
class Note:
    """Text or an arrow placed on a plot, in data coordinates."""

    text: str = ""
    at: Point = (0.0, 0.0)
    anchor: str = "start"
    arrow: tuple[Point, ...] = ()
    colour: int = 0
    """0: the text colour; 1-6: a palette colour."""


@dataclass(frozen=True)
class FigureSpec:
    """A validated figure file, formulas already evaluated: what the SVG plotter draws."""

    x: Axis
    y: Axis
    marks: tuple[Mark, ...]
    notes: tuple[Note, ...] = ()
    width: int = 400
    height: int = 240
    aspect: str = "auto"
    grid: bool = True
    legend: str = "below"


@dataclass(frozen=True)
class Figure:
    """A figure a question shows after its answer: the file it is drawn from, alt text and caption."""

    file: str
    """Path of the figure file relative to the questions folder ("figures/roc.yml")."""
    alt: str
    caption: str = ""
    spec: FigureSpec | None = None
    """Set by the loader once the file is read and valid."""


@dataclass(frozen=True)
class FollowUp:
    """A question that comes next, with its short model answer when the author wrote one."""

    question: str
    """Markdown, inline only."""
    answer: str = ""
    """Markdown (a few sentences; math and `[[id]]` links allowed); empty when not written."""


@dataclass(frozen=True)
class Question:
    """One question of the guide, as validated from `questions/<id>.yml`."""

    id: str
    """Slug, equal to the file name without `.yml`; also the page's URL segment."""
    title: str
    """The question as it is asked (plain text, never markup)."""
    topics: tuple[str, ...]
    """Topic ids; the first is the primary topic (navigation, previous/next)."""
    difficulty: str
    """One of `DIFFICULTIES`."""
    summary: str
    """The short answer in one or two sentences (Markdown, inline only)."""
    answer: str
    """The full answer (Markdown with math and code fences)."""
    key_points: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    """Ids of related questions, in the author's order."""
    tags: tuple[str, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    references: tuple[Reference, ...] = ()
    figures: tuple[Figure, ...] = ()
    source: Path = Path()
    """The file the question was loaded from (for messages and edit links)."""
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    """Line of each top-level field in `source`, so later checks can point at it."""
    answer_line: int = 0
    """Line on which the answer's text starts (for errors inside the answer)."""
    inline_links: tuple[tuple[str, int], ...] = ()
    """`[[id]]` links in the summary, answer and key points: (target id, line in `source`), in order."""
    fingerprint: str = field(default="", compare=False, repr=False)
    """Digest of the source file and the rules it was read under (set by the loader)."""
    cheatsheet: SheetContent = SheetContent()
    """Formulas and a comparison table for the printed cheat sheet (optional)."""

    def content_key(self) -> str:
        """A string that changes whenever any field does: for cache keys and download digests."""
        return self.fingerprint or repr(self)

    @property
    def primary_topic(self) -> str:
        return self.topics[0]


@dataclass(frozen=True)
class Topic:
    """A group of questions, defined in `questions/_topics.yml`."""

    id: str
    title: str
    description: str
    order: int


@dataclass(frozen=True)
class GlossaryEntry:
    """A term defined in `questions/_glossary.yml`."""

    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    anchor_override: str = ""
    """The `anchor` written in the glossary file, if any (a slug, validated by the loader)."""

    @cached_property  # asked for at every mention of the term on every page
    def anchor(self) -> str:
        """The term's anchor on the glossary page: a slug, unique in the glossary (the loader checks)."""
        from .text import slugify

        return self.anchor_override or slugify(self.term)


@dataclass(frozen=True)
class Guide:
    """Every question, topic and glossary term of one guide, validated together."""

    questions: tuple[Question, ...]
    """Sorted by (primary topic order, difficulty, title) — the reading order."""
    topics: tuple[Topic, ...]
    """Sorted by `order`."""
    glossary: tuple[GlossaryEntry, ...] = ()
    source_dir: Path = Path("questions")
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    """Things that build but are probably mistakes (an invisible character in a title), for the author to see."""

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._by_id

    def topic(self, topic_id: str) -> Topic:
        return self._topics_by_id[topic_id]

    @property
    def _by_id(self) -> dict[str, Question]:
        cached = self.__dict__.get("_by_id_cache")
        if cached is None:
            cached = {q.id: q for q in self.questions}
            object.__setattr__(self, "_by_id_cache", cached)
        return cached

    @property
    def _topics_by_id(self) -> dict[str, Topic]:
        cached = self.__dict__.get("_topics_cache")
        if cached is None:
            cached = {t.id: t for t in self.topics}
            object.__setattr__(self, "_topics_cache", cached)
        return cached

    def questions_in(self, topic_id: str) -> list[Question]:
        """Questions that list `topic_id` among their topics, in reading order."""
        index = self.__dict__.get("_topic_index")
        if index is None:  # built once: pages ask per topic, and scanning per call is topics × questions
            index = {}
            for q in self.questions:
                for t in q.topics:
                    index.setdefault(t, []).append(q)
            object.__setattr__(self, "_topic_index", index)
        return list(index.get(topic_id, ()))
