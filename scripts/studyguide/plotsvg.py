"""Draw a `FigureSpec` as an inline SVG: axes, ticks, series, notes and a legend.

The output is a pure function of the spec: numbers written with one decimal, no dates or
random ids, so a build is byte-identical to the last. Colours follow the page: text and
axes are `currentColor`, and each palette colour is the SVG `color` of its group, which the
stylesheet maps to a custom property per colour scheme (the hex value written here is what
a reader without the stylesheet sees). Lines also differ by dash and marker, not only by hue.
"""

from __future__ import annotations

import html
import math

from .model import Axis, Figure, FigureSpec, Mark, Note

FONT = 13
CHAR = 0.56 * FONT
"""Average width of a character of the page's sans-serif font, for laying out labels."""
PALETTE = ("#3949ab", "#d84315", "#00796b", "#8e24aa", "#5d4037", "#c2185b")
DASHES = {"solid": "", "dashed": "7 4", "dotted": "1.5 4"}


def fmt(value: float) -> str:
    """A coordinate with at most one decimal, never "-0"."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def tick_text(value: float) -> str:
    return f"{value:.6g}".replace("-", "\u2212")


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


class _Frame:
    """Data coordinates to drawing coordinates."""

    def __init__(self, x: Axis, y: Axis, left: float, top: float, width: float, height: float) -> None:
        self.x, self.y = x, y
        self.left, self.top, self.width, self.height = left, top, width, height

    def px(self, value: float) -> float:
        return self.left + (value - self.x.min) / (self.x.max - self.x.min) * self.width

    def py(self, value: float) -> float:
        return self.top + (self.y.max - value) / (self.y.max - self.y.min) * self.height

    def point(self, p: tuple[float, float]) -> tuple[float, float]:
        # Far-off points are pulled in: the clip path hides them, and the numbers stay short.
        return (max(-1e4, min(1e4, self.px(p[0]))), max(-1e4, min(1e4, self.py(p[1]))))


def render(spec: FigureSpec, alt: str, figure_id: str) -> str:
    """The SVG element, named by `alt` for assistive technology (`role="img"` and its `<title>`)."""
    width = spec.width
    y_ticks = [tick_text(t) for t in spec.y.ticks] if spec.y.tick_labels else []
    left = FONT * 1.6 + (max((len(t) for t in y_ticks), default=0) * CHAR + 8)
    right = 14
    top = 12
    plot_w = width - left - right
    plot_h: float = spec.height
    if spec.aspect == "equal":
        plot_h = plot_w * (spec.y.max - spec.y.min) / (spec.x.max - spec.x.min)
        if plot_h > 1.2 * width:  # a tall, narrow plot: keep it no taller than wide, centred
            plot_h = 1.2 * width
            new_w = plot_h * (spec.x.max - spec.x.min) / (spec.y.max - spec.y.min)
            left += (plot_w - new_w) / 2
            plot_w = new_w
    frame = _Frame(spec.x, spec.y, left, top, plot_w, plot_h)
    axis_bottom = top + plot_h + (FONT + 8 if spec.x.tick_labels else 4) + FONT + 6
    legend_rows = _legend_rows(spec, width - 2 * right) if spec.legend == "below" else []
    height = axis_bottom + (len(legend_rows) * (FONT + 9) + 8 if legend_rows else 6)
    clip = f"{figure_id}-clip"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {fmt(width)} {fmt(height)}" '
        f'width="{fmt(width)}" height="{fmt(height)}" role="img" aria-labelledby="{figure_id}-title" '
        f'class="sg-figure__svg" font-family="sans-serif" font-size="{FONT}" fill="currentColor">',
        f'<title id="{figure_id}-title">{_esc(alt)}</title>',
        f'<defs><clipPath id="{clip}"><rect x="{fmt(left)}" y="{fmt(top)}" width="{fmt(plot_w)}" '
        f'height="{fmt(plot_h)}"/></clipPath></defs>',
    ]
    out += _axes(spec, frame)
    out.append(f'<g clip-path="url(#{clip})">')
    for mark in spec.marks:
        out += _mark(mark, frame)
    out.append("</g>")
    out += [part for note in spec.notes for part in _note(note, frame)]
    if spec.legend == "below":
        out += _legend_below(legend_rows, axis_bottom + 4, right)
    elif spec.legend != "none":
        out += _legend_inside(spec, frame)
    out.append("</svg>")
    return "".join(out)


def _axes(spec: FigureSpec, f: _Frame) -> list[str]:
    out: list[str] = []
    bottom, right = f.top + f.height, f.left + f.width
    if spec.grid:
        lines = [f"M{fmt(f.px(t))} {fmt(f.top)}V{fmt(bottom)}" for t in spec.x.ticks]
        lines += [f"M{fmt(f.left)} {fmt(f.py(t))}H{fmt(right)}" for t in spec.y.ticks]
        out.append(
            f'<path class="sg-figure__grid" d="{"".join(lines)}" stroke="currentColor" stroke-opacity="0.14" fill="none"/>'
        )
    frame_path = f"M{fmt(f.left)} {fmt(f.top)}V{fmt(bottom)}H{fmt(right)}"
    out.append(f'<path d="{frame_path}" stroke="currentColor" stroke-opacity="0.7" fill="none"/>')
    ticks = [f"M{fmt(f.px(t))} {fmt(bottom)}v4" for t in spec.x.ticks] + [
        f"M{fmt(f.left)} {fmt(f.py(t))}h-4" for t in spec.y.ticks
    ]
    if ticks:
        out.append(f'<path d="{"".join(ticks)}" stroke="currentColor" stroke-opacity="0.7" fill="none"/>')
    if spec.x.tick_labels:
        for t in spec.x.ticks:
            out.append(f'<text x="{fmt(f.px(t))}" y="{fmt(bottom + FONT + 5)}" text-anchor="middle">{tick_text(t)}</text>')
    if spec.y.tick_labels:
        for t in spec.y.ticks:
            out.append(f'<text x="{fmt(f.left - 7)}" y="{fmt(f.py(t) + FONT * 0.35)}" text-anchor="end">{tick_text(t)}</text>')
    label_y = bottom + (FONT + 8 if spec.x.tick_labels else 4) + FONT + 2
    out.append(f'<text x="{fmt(f.left + f.width / 2)}" y="{fmt(label_y)}" text-anchor="middle">{_esc(spec.x.label)}</text>')
    cx, cy = FONT * 0.9, f.top + f.height / 2
    out.append(
        f'<text x="{fmt(cx)}" y="{fmt(cy)}" text-anchor="middle" transform="rotate(-90 {fmt(cx)} {fmt(cy)})">'
        f"{_esc(spec.y.label)}</text>"
    )
    return out


def _group(colour: int) -> str:
    return f'<g class="sg-c{colour}" color="{PALETTE[colour - 1]}">'


def _stroke(mark: Mark) -> str:
    dash = DASHES.get(mark.line, "")
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    cap = ' stroke-linecap="round"' if mark.line == "dotted" else ""
    return f' stroke="currentColor" stroke-width="2.2"{dashes}{cap}'


# A point is left out of a drawn line when the line without it passes within this many
# pixels of it: invisible at any zoom a reader uses, and a smooth curve sampled at 120
# points keeps a fifth of them (the figures are part of every page's weight).
TOLERANCE_PX = 0.15


def simplified(points: list[tuple[float, float]], tolerance: float = TOLERANCE_PX) -> list[tuple[float, float]]:
    """`points` without those the line between their neighbours passes within `tolerance` of (Ramer–Douglas–Peucker)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, worst_at = 0.0, -1
        for index in range(first + 1, last):
            px, py = points[index]
            # The distance to the segment, not to its line: a point the line turns back from
            # (beyond either end) is kept even when it lies on the line.
            along = ((px - x1) * dx + (py - y1) * dy) / (length * length) if length else 0.0
            if along <= 0.0:
                distance = math.hypot(px - x1, py - y1)
            elif along >= 1.0:
                distance = math.hypot(px - x2, py - y2)
            else:
                distance = abs(dy * (px - x1) - dx * (py - y1)) / length
            if distance > worst:
                worst, worst_at = distance, index
        if worst > tolerance:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _mark(mark: Mark, f: _Frame) -> list[str]:
    out = [_group(mark.colour)]
    if mark.kind == "circle":
        cx, cy = f.point(mark.points[0])
        rx = mark.radius / (f.x.max - f.x.min) * f.width
        ry = mark.radius / (f.y.max - f.y.min) * f.height
        fill = ' fill="currentColor" fill-opacity="0.12"' if mark.fill else ' fill="none"'
        stroke = _stroke(mark) if mark.line != "none" else ""
        out.append(f'<ellipse cx="{fmt(cx)}" cy="{fmt(cy)}" rx="{fmt(rx)}" ry="{fmt(ry)}"{fill}{stroke}/>')
    else:
        coords = [f.point(p) for p in mark.points]
        if mark.line != "none" or mark.fill:
            drawn = simplified(coords)
            d = "M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in drawn) + ("Z" if mark.kind == "polygon" else "")
            fill = ' fill="currentColor" fill-opacity="0.12"' if mark.fill else ' fill="none"'
            stroke = _stroke(mark) if mark.line != "none" else ""
            out.append(f'<path d="{d}"{fill}{stroke} stroke-linejoin="round"/>')
        if mark.marker != "none":
            out += [_marker(mark.marker, x, y) for x, y in coords]
    out.append("</g>")
    return out


def _marker(kind: str, x: float, y: float) -> str:
    if kind == "circle":
        return f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="4" fill="currentColor"/>'
    if kind == "ring":
        return f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="8" fill="none" stroke="currentColor" stroke-width="1.8"/>'
    if kind == "square":
        return f'<rect x="{fmt(x - 3.8)}" y="{fmt(y - 3.8)}" width="7.6" height="7.6" fill="currentColor"/>'
    if kind == "triangle":
        return (
            f'<path d="M{fmt(x)} {fmt(y - 5)}L{fmt(x + 4.6)} {fmt(y + 3.5)}L{fmt(x - 4.6)} {fmt(y + 3.5)}Z" fill="currentColor"/>'
        )
    # cross
    return (
        f'<path d="M{fmt(x - 4)} {fmt(y - 4)}L{fmt(x + 4)} {fmt(y + 4)}M{fmt(x - 4)} {fmt(y + 4)}L{fmt(x + 4)} {fmt(y - 4)}" '
        'stroke="currentColor" stroke-width="2"/>'
    )


def _note(note: Note, f: _Frame) -> list[str]:
    out = [_group(note.colour)] if note.colour else ["<g>"]
    if note.arrow:
        (x1, y1), (x2, y2) = (f.point(p) for p in note.arrow)
        out.append(f'<path d="M{fmt(x1)} {fmt(y1)}L{fmt(x2)} {fmt(y2)}" stroke="currentColor" stroke-width="1.6" fill="none"/>')
        angle = math.atan2(y2 - y1, x2 - x1)
        wing = [(x2 - 9 * math.cos(angle + s * 0.4), y2 - 9 * math.sin(angle + s * 0.4)) for s in (-1, 1)]
        out.append(
            f'<path d="M{fmt(x2)} {fmt(y2)}L{fmt(wing[0][0])} {fmt(wing[0][1])}L{fmt(wing[1][0])} {fmt(wing[1][1])}Z" '
            'fill="currentColor"/>'
        )
    else:
        x, y = f.point(note.at)
        out.append(
            f'<text x="{fmt(x)}" y="{fmt(y + FONT * 0.35)}" text-anchor="{note.anchor}" class="sg-figure__note">'
            f"{_esc(note.text)}</text>"
        )
    out.append("</g>")
    return out


def _swatch(mark: Mark, x: float, y: float) -> list[str]:
    out = [_group(mark.colour)]
    if mark.kind in ("polygon", "circle") and mark.fill:
        stroke = _stroke(mark) if mark.line != "none" else ""
        out.append(
            f'<rect x="{fmt(x)}" y="{fmt(y - 6)}" width="24" height="12" fill="currentColor" fill-opacity="0.12"{stroke}/>'
        )
    elif mark.line != "none":
        out.append(f'<path d="M{fmt(x)} {fmt(y)}h24"{_stroke(mark)} fill="none"/>')
    if mark.marker != "none":
        out.append(_marker(mark.marker, x + 12, y))
    out.append("</g>")
    return out


def _legend_rows(spec: FigureSpec, available: float) -> list[list[tuple[Mark, float]]]:
    """Labelled marks in rows that fit `available`: (mark, its width) each."""
    rows: list[list[tuple[Mark, float]]] = []
    used = 0.0
    for mark in spec.marks:
        if not mark.label:
            continue
        item = 24 + 6 + len(mark.label) * CHAR + 16
        if not rows or used + item > available:
            rows.append([])
            used = 0.0
        rows[-1].append((mark, item))
        used += item
    return rows


def _legend_below(rows: list[list[tuple[Mark, float]]], top: float, left: float) -> list[str]:
    out = ['<g class="sg-figure__legend">']
    for index, row in enumerate(rows):
        y = top + index * (FONT + 9) + FONT * 0.5
        x = left
        for mark, width in row:
            out += _swatch(mark, x, y)
            out.append(f'<text x="{fmt(x + 30)}" y="{fmt(y + FONT * 0.35)}">{_esc(mark.label)}</text>')
            x += width
    out.append("</g>")
    return out


def _legend_inside(spec: FigureSpec, f: _Frame) -> list[str]:
    items = [m for m in spec.marks if m.label]
    if not items:
        return []
    box_w = 24 + 6 + max(len(m.label) for m in items) * CHAR + 16
    box_h = len(items) * (FONT + 8) + 8
    x = f.left + 8 if spec.legend.endswith("left") else f.left + f.width - 8 - box_w
    y = f.top + 8 if spec.legend.startswith("top") else f.top + f.height - 8 - box_h
    out = [
        '<g class="sg-figure__legend">',
        f'<rect class="sg-figure__legend-box" x="{fmt(x)}" y="{fmt(y)}" width="{fmt(box_w)}" height="{fmt(box_h)}" '
        'rx="3" fill="#fff" fill-opacity="0.88" stroke="currentColor" stroke-opacity="0.25"/>',
    ]
    for index, mark in enumerate(items):
        row_y = y + 4 + index * (FONT + 8) + (FONT + 8) / 2
        out += _swatch(mark, x + 8, row_y)
        out.append(f'<text x="{fmt(x + 38)}" y="{fmt(row_y + FONT * 0.35)}">{_esc(mark.label)}</text>')
    out.append("</g>")
    return out


def figure_html(figure: Figure, figure_id: str, label: str) -> str:
    """The figure as one HTML block (no blank line, so Markdown passes it through untouched)."""
    assert figure.spec is not None
    svg = render(figure.spec, figure.alt, figure_id)
    caption = f'<figcaption><span class="sg-figure__label">{_esc(label)}</span> {_esc(figure.caption)}</figcaption>'
    return f'<figure class="sg-figure" id="{figure_id}">{svg}{caption}</figure>'
