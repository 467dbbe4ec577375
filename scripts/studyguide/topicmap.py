"""Small SVG maps drawn at build time: the topics and how they link (topics page), and a
topic's questions and how they link (each topic page).

Both are arc diagrams: one row per topic or question, its label always written out in full
(wrapped, never clipped), and an arc on the left for each linked pair, thicker for more
links. A column of rows fits a phone's width at a readable size, where a circle of
nodes had to shrink its labels away; each row is one link with a tap target the row's
full height. Fixed layout, no script, no randomness.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass
from html import escape

from .links import LinkGraph
from .model import DIFFICULTIES, Guide, Topic
from .text import attr

FONT = 14
CHAR = 0.56 * FONT
"""Average width of a character of the page's sans-serif font, for wrapping labels."""
WRAP = 34
"""Characters per label line: about 260 units, so a map stays under 400 units wide."""
LINE = FONT * 1.3
ROW_PAD = 12
NODE_X_MIN = 24
ARC_STEP = 12
ARC_MAX = 110


@dataclass(frozen=True)
class _Row:
    label: str
    href: str
    kind: str
    """The node's CSS modifier: "topic", or a difficulty level."""
    hint: str = ""
    """A tooltip for mouse users (the question's level)."""


def _fmt(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _pairs(edges: Counter[tuple[int, int]]) -> list[tuple[int, int, int]]:
    return [(a, b, count) for (a, b), count in sorted(edges.items())]


def _draw(rows: list[_Row], edges: Counter[tuple[int, int]], map_id: str, title: str) -> str:
    """The arc diagram as one SVG element (no blank line: Markdown passes it through)."""
    pairs = _pairs(edges)
    span = max((b - a for a, b, _ in pairs), default=0)
    node_x = max(NODE_X_MIN, min(ARC_MAX, ARC_STEP * span) + 12)
    label_x = node_x + 16
    wrapped = [textwrap.wrap(row.label, WRAP) or [row.label] for row in rows]
    width = label_x + max(len(line) for lines in wrapped for line in lines) * CHAR + 8
    heights = [max(36.0, len(lines) * LINE + ROW_PAD) for lines in wrapped]
    tops = [sum(heights[:i]) for i in range(len(rows))]
    centres = [top + h / 2 for top, h in zip(tops, heights, strict=True)]
    height = sum(heights)
    heaviest = max((count for _, _, count in pairs), default=1)
    out = [
        f'<svg class="sg-map" id="{map_id}" viewBox="0 0 {_fmt(width)} {_fmt(height)}" width="{_fmt(width)}" '
        f'height="{_fmt(height)}" role="group" aria-labelledby="{map_id}-title" font-size="{FONT}" '
        'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
        f'<title id="{map_id}-title">{escape(title)}</title>',
        '<g class="sg-map__edges" fill="none" stroke="currentColor">',
    ]
    for a, b, count in pairs:
        y1, y2 = centres[a], centres[b]
        bend = node_x - min(ARC_MAX, ARC_STEP * (b - a)) - 4
        out.append(
            f'<path d="M{_fmt(node_x)} {_fmt(y1)}C{_fmt(bend)} {_fmt(y1)} {_fmt(bend)} {_fmt(y2)} {_fmt(node_x)} {_fmt(y2)}" '
            f'stroke-width="{_fmt(1 + 3 * (count - 1) / max(heaviest - 1, 1))}"/>'
        )
    out.append("</g>")
    for row, lines, top, centre, h in zip(rows, wrapped, tops, centres, heights, strict=True):
        first = centre - (len(lines) - 1) * LINE / 2 + FONT * 0.35
        text = "".join(
            f'<tspan x="{_fmt(label_x)}" y="{_fmt(first + i * LINE)}">{escape(line)}</tspan>' for i, line in enumerate(lines)
        )
        hint = f"<title>{escape(row.hint)}</title>" if row.hint else ""
        out.append(
            f'<a xlink:href="{attr(row.href)}">{hint}<rect class="sg-map__row" x="0" y="{_fmt(top)}" width="{_fmt(width)}" '
            f'height="{_fmt(h)}"/><circle class="sg-map__hub sg-map__node--{row.kind}" cx="{_fmt(node_x)}" '
            f'cy="{_fmt(centre)}" r="7"/><text class="sg-map__label">{text}</text></a>'
        )
    out.append("</svg>")
    return "".join(out)


def render_svg(guide: Guide, graph: LinkGraph, t: dict[str, str]) -> str:
    """The topics page's map: every topic (with its question count) and arcs between topics whose questions link."""
    if not guide.topics:
        return ""
    index = {topic.id: i for i, topic in enumerate(guide.topics)}
    primary = {q.id: q.primary_topic for q in guide.questions}
    sizes = Counter(primary.values())
    edges: Counter[tuple[int, int]] = Counter()
    for q in guide.questions:
        for target in graph.outgoing[q.id]:
            a, b = sorted((index[primary[q.id]], index[primary[target]]))
            if a != b:
                edges[(a, b)] += 1
    rows = [_Row(f"{topic.title} ({sizes.get(topic.id, 0)})", f"{topic.id}/", "topic") for topic in guide.topics]
    svg = _draw(rows, edges, "sg-map-topics", t["topic_map_title"])
    return _figure(svg, t["topic_map_caption"])


def topic_svg(guide: Guide, graph: LinkGraph, topic: Topic, t: dict[str, str]) -> str:
    """A topic page's map: its questions, in the page's order, and arcs between those that link; "" when none link."""
    questions = [q for level in DIFFICULTIES for q in guide.questions_in(topic.id) if q.difficulty == level]
    index = {q.id: i for i, q in enumerate(questions)}
    edges: Counter[tuple[int, int]] = Counter()
    for q in questions:
        for target in graph.outgoing[q.id]:
            if target in index:
                pair = tuple(sorted((index[q.id], index[target])))
                edges[pair] = 1  # type: ignore[index]  # a pair once, whichever way it links
    if len(questions) < 2 or not edges:
        return ""
    rows = [_Row(q.title, f"../../questions/{q.id}/", q.difficulty, t[f"level_{q.difficulty}"]) for q in questions]
    svg = _draw(rows, edges, f"sg-map-{topic.id}", t["topic_map_questions_title"].format(topic=topic.title))
    levels = sorted({q.difficulty for q in questions}, key=DIFFICULTIES.index)
    key = " ".join(
        f'<span class="sg-map__key"><span class="sg-map__dot sg-map__node--{level}"></span>{escape(t[f"level_{level}"])}</span>'
        for level in levels
    )
    return _figure(svg, t["topic_map_questions_caption"], key)


def _figure(svg: str, caption: str, key: str = "") -> str:
    return f'<figure class="sg-map-figure">{svg}<figcaption>{escape(caption)}{" " + key if key else ""}</figcaption></figure>'
