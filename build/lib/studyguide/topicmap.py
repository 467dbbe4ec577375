"""A static SVG map of topics, their questions and the links between them.

Drawn at build time with a fixed layout (no script, no randomness): topics sit on a
circle, each with its questions on a ring around it; links between questions are curves
bent towards the centre. Above `DETAIL_LIMIT` questions only topics are drawn, sized by
their question count, with one edge per pair of linked topics.
"""

from __future__ import annotations

import math
from collections import Counter
from html import escape

from .links import LinkGraph
from .model import Guide
from .text import attr

DETAIL_LIMIT = 150
WIDTH, HEIGHT = 1000, 860
LEVEL_COLOURS = {"beginner": "#2e7d32", "intermediate": "#ef6c00", "advanced": "#c62828"}


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _label(title: str, x: float) -> str:
    """A topic title on up to two lines, so long titles stay inside the picture."""
    words = title.split()
    if len(title) <= 16 or len(words) == 1:
        return escape(title)
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    first, second = " ".join(words[:best]), " ".join(words[best:])
    return f'<tspan x="{_fmt(x)}">{escape(first)}</tspan><tspan x="{_fmt(x)}" dy="1.15em">{escape(second)}</tspan>'


def render_svg(guide: Guide, graph: LinkGraph, base: str = "../") -> str:
    """The map as one line-broken SVG inside a div (raw HTML Markdown passes through).

    Links use `xlink:href`: Material's instant navigation rewrites every `[href]` it finds
    and fails on an SVG link's read-only `href` property.
    """
    if not guide.topics:
        return ""
    cx, cy = WIDTH / 2, HEIGHT / 2
    hub_radius = min(cx, cy) - 130
    hubs = {}
    for index, topic in enumerate(guide.topics):
        angle = -math.pi / 2 + 2 * math.pi * index / len(guide.topics)
        hubs[topic.id] = (cx + hub_radius * math.cos(angle), cy + hub_radius * math.sin(angle), angle)
    detailed = len(guide.questions) <= DETAIL_LIMIT
    parts = [
        f'<svg class="sg-map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="sg-map-title" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
        '<title id="sg-map-title">Map of topics, their questions and the links between questions</title>',
    ]
    if detailed:
        parts += _detailed(guide, graph, hubs, cx, cy, base)
    else:
        parts += _topics_only(guide, graph, hubs, cx, cy, base)
    parts.append("</svg>")
    legend = " ".join(
        f'<span class="sg-map__key"><span class="sg-map__dot" style="background:{colour}"></span>{level}</span>'
        for level, colour in LEVEL_COLOURS.items()
    )
    caption = (
        "Each circle is a question, coloured by difficulty and grouped around its topic; lines are links between questions."
        if detailed
        else f"{len(guide.questions)} questions: topics only, sized by question count; lines join topics whose questions link."
    )
    return (
        '<figure class="sg-map-figure">\n<div class="sg-map-wrap">'
        + "".join(parts)
        + f"</div>\n<figcaption>{escape(caption)} {legend if detailed else ''}</figcaption>\n</figure>"
    )


def _detailed(guide: Guide, graph: LinkGraph, hubs: dict, cx: float, cy: float, base: str) -> list[str]:
    positions: dict[str, tuple[float, float]] = {}
    members: dict[str, list] = {t.id: [] for t in guide.topics}
    for q in guide.questions:
        members[q.primary_topic].append(q)
    ring = 58
    for topic_id, questions in members.items():
        hx, hy, angle = hubs[topic_id]
        count = max(len(questions), 1)
        for index, q in enumerate(questions):
            a = angle + 2 * math.pi * index / count
            positions[q.id] = (hx + ring * math.cos(a), hy + ring * math.sin(a))
    edges = ['<g class="sg-map__edges" fill="none" stroke="#9e9e9e" stroke-opacity="0.45" stroke-width="1">']
    for q in guide.questions:
        for target in graph.outgoing[q.id]:
            if q.id < target or q.id not in graph.outgoing.get(target, ()):
                (x1, y1), (x2, y2) = positions[q.id], positions[target]
                mx, my = (x1 + x2) / 2, (y1 + y2) / 2
                qx, qy = mx + (cx - mx) * 0.35, my + (cy - my) * 0.35
                edges.append(f'<path d="M{_fmt(x1)} {_fmt(y1)} Q{_fmt(qx)} {_fmt(qy)} {_fmt(x2)} {_fmt(y2)}"/>')
    edges.append("</g>")
    nodes = ['<g class="sg-map__nodes">']
    for topic in guide.topics:
        hx, hy, angle = hubs[topic.id]
        lx, ly = hx + 80 * math.cos(angle), hy + 80 * math.sin(angle) + 6
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        nodes.append(
            f'<a xlink:href="{attr(f"{base}topics/{topic.id}/")}"><circle cx="{_fmt(hx)}" cy="{_fmt(hy)}" r="18" class="sg-map__hub"/>'
            f'<text x="{_fmt(lx)}" y="{_fmt(ly)}" text-anchor="{anchor}" class="sg-map__topic">{_label(topic.title, lx)}</text></a>'
        )
    for q in guide.questions:
        x, y = positions[q.id]
        nodes.append(
            f'<a xlink:href="{attr(f"{base}questions/{q.id}/")}"><circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="10" fill="{LEVEL_COLOURS[q.difficulty]}" class="sg-map__q">'
            f"<title>{escape(q.title)} ({q.difficulty})</title></circle></a>"
        )
    nodes.append("</g>")
    return edges + nodes


def _topics_only(guide: Guide, graph: LinkGraph, hubs: dict, cx: float, cy: float, base: str) -> list[str]:
    primary = {q.id: q.primary_topic for q in guide.questions}
    sizes = Counter(primary.values())
    pairs: Counter[tuple[str, str]] = Counter()
    for q in guide.questions:
        for target in graph.outgoing[q.id]:
            a, b = sorted((primary[q.id], primary[target]))
            if a != b:
                pairs[(a, b)] += 1
    heaviest = max(pairs.values(), default=1)
    parts = ['<g class="sg-map__edges" fill="none" stroke="#9e9e9e" stroke-opacity="0.5">']
    for (a, b), count in sorted(pairs.items()):
        (x1, y1, _), (x2, y2, _) = hubs[a], hubs[b]
        parts.append(
            f'<path d="M{_fmt(x1)} {_fmt(y1)} L{_fmt(x2)} {_fmt(y2)}" stroke-width="{_fmt(1 + 7 * count / heaviest)}"><title>{count} links</title></path>'
        )
    parts.append("</g>")
    largest = max(sizes.values(), default=1)
    for topic in guide.topics:
        hx, hy, _ = hubs[topic.id]
        radius = 14 + 40 * math.sqrt(sizes.get(topic.id, 0) / largest)
        ly = hy + radius + 16
        parts.append(
            f'<a xlink:href="{attr(f"{base}topics/{topic.id}/")}"><circle cx="{_fmt(hx)}" cy="{_fmt(hy)}" r="{_fmt(radius)}" class="sg-map__hub"/>'
            f'<text x="{_fmt(hx)}" y="{_fmt(ly)}" text-anchor="middle" class="sg-map__topic">{escape(topic.title)} ({sizes.get(topic.id, 0)})</text></a>'
        )
    return parts
