"""The link graph between questions: inline `[[id]]` links, related lists, backlinks, suggestions.

Everything here is linear in the number of links (plus a bounded candidate set per
question for suggestions), so a guide of 10,000 questions costs milliseconds, not minutes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .errors import Problem
from .mdtext import rewrite_prose, split_blocks, split_inline
from .model import Guide, Question
from .text import suggest

WIKI_LINK = re.compile(r"\[\[\s*([^\]|]+?)\s*(?:\|\s*([^\]]+?)\s*)?\]\]")
SUGGESTION_TARGET = 3
"""Questions with fewer explicit links than this get suggestions up to it."""


def _texts_with_lines(q: Question) -> list[tuple[str, int]]:
    texts = [(q.summary, q.lines.get("summary.text", q.lines.get("summary", 1))), (q.answer, q.answer_line or 1)]
    texts += [(point, q.lines.get(f"key_points.{i}", q.lines.get("key_points", 1))) for i, point in enumerate(q.key_points)]
    texts += [
        (f.answer, q.lines.get(f"follow_ups.{i}.answer", q.lines.get("follow_ups", 1)))
        for i, f in enumerate(q.follow_ups)
        if f.answer
    ]
    return texts


def find_inline_links(q: Question) -> tuple[tuple[str, int], ...]:
    """Every `[[id]]` of `q`'s texts with its line in the file: what the loader stores in `q.inline_links`."""
    found: list[tuple[str, int]] = []
    for text, first_line in _texts_with_lines(q):
        if "[[" in text:
            found.extend((target, first_line + offset) for offset, target in inline_targets_with_lines(text))
    return tuple(found)


def check_inline_links(guide: Guide, ids: set[str]) -> list[Problem]:
    """Every `[[id]]` must name an existing question: report the others with their line."""
    return [
        Problem(q.source, line, f'link [[{target}]] names unknown question "{target}"{suggest(target, ids)}')
        for q in guide.questions
        for target, line in q.inline_links
        if target not in ids
    ]


def inline_targets_with_lines(text: str) -> list[tuple[int, str]]:
    """(line offset within `text`, id) of each `[[id]]` outside code and math, in order."""
    found: list[tuple[int, str]] = []
    line = 0
    for chunk, protected in split_blocks(text):
        if not protected and "[[" in chunk:
            piece_line = line  # a prose chunk spans several lines: count them piece by piece
            for piece, _, kind in split_inline(chunk):
                if kind == "wiki" and (match := WIKI_LINK.fullmatch(piece)):
                    found.append((piece_line, match.group(1)))
                piece_line += piece.count("\n")
        line += chunk.count("\n")
    return found


@dataclass(frozen=True)
class LinkGraph:
    """Who links to whom, computed once per build."""

    outgoing: dict[str, tuple[str, ...]]
    """Explicit links of each question: `related` first, then inline links, de-duplicated."""
    backlinks: dict[str, tuple[str, ...]]
    """Questions that link to each question, in the guide's reading order."""
    suggestions: dict[str, tuple[str, ...]]
    """Extra reading for questions with few explicit links, best first."""


def build_graph(guide: Guide) -> LinkGraph:
    order = {q.id: index for index, q in enumerate(guide.questions)}
    outgoing: dict[str, tuple[str, ...]] = {}
    incoming: dict[str, set[str]] = defaultdict(set)
    for q in guide.questions:
        targets = [*q.related, *(target for target, _ in q.inline_links)]
        unique = tuple(dict.fromkeys(t for t in targets if t != q.id and t in order))
        outgoing[q.id] = unique
        for target in unique:
            incoming[target].add(q.id)
    backlinks = {q.id: tuple(sorted(incoming.get(q.id, ()), key=order.__getitem__)) for q in guide.questions}
    suggestions = _suggest(guide, outgoing, backlinks, order)
    return LinkGraph(outgoing, backlinks, suggestions)


def _suggest(
    guide: Guide, outgoing: dict[str, tuple[str, ...]], backlinks: dict[str, tuple[str, ...]], order: dict[str, int]
) -> dict[str, tuple[str, ...]]:
    """Rank unlinked questions by shared topics (weight 2) and shared tags (weight 1).

    Candidates come from per-topic and per-tag indexes, each capped to the questions
    nearest in reading order, so the cost per question is bounded at any guide size.
    """
    cap = 60
    by_topic: dict[str, list[str]] = defaultdict(list)
    by_tag: dict[str, list[str]] = defaultdict(list)
    for q in guide.questions:
        for topic in q.topics:
            by_topic[topic].append(q.id)
        for tag in q.tags:
            by_tag[tag].append(q.id)
    position_in: dict[tuple[str, str], int] = {}
    for kind, index in (("topic", by_topic), ("tag", by_tag)):
        for key, members in index.items():
            for pos, member in enumerate(members):
                position_in[(kind + key, member)] = pos

    def nearby(kind: str, key: str, members: list[str], qid: str) -> list[str]:
        if len(members) <= cap:
            return members
        pos = position_in[(kind + key, qid)]
        start = max(0, min(pos - cap // 2, len(members) - cap))
        return members[start : start + cap]

    result: dict[str, tuple[str, ...]] = {}
    for q in guide.questions:
        linked = set(outgoing[q.id])
        if len(linked) >= SUGGESTION_TARGET:
            result[q.id] = ()
            continue
        scores: dict[str, int] = defaultdict(int)
        for topic in q.topics:
            for other in nearby("topic", topic, by_topic[topic], q.id):
                scores[other] += 2
        for tag in q.tags:
            for other in nearby("tag", tag, by_tag[tag], q.id):
                scores[other] += 1
        candidates = [c for c in scores if c != q.id and c not in linked]
        candidates.sort(key=lambda c: (-scores[c], order[c]))
        result[q.id] = tuple(candidates[: SUGGESTION_TARGET - len(linked)])
    return result


def resolve_inline_links(markdown: str, link_for: Callable[[str, str | None], str]) -> str:
    """Replace each `[[id]]` / `[[id|text]]` outside code and math with `link_for(id, text)`."""
    if "[[" not in markdown:
        return markdown
    return rewrite_prose(markdown, lambda prose: prose, rewrite_wiki=wiki_rewriter(link_for))


def wiki_rewriter(link_for: Callable[[str, str | None], str]) -> Callable[[str], str]:
    """A `rewrite_wiki` for `mdtext.rewrite_prose`: one `[[id]]` / `[[id|text]]` → `link_for(id, text)`."""

    def replace(piece: str) -> str:
        match = WIKI_LINK.fullmatch(piece)
        return link_for(match.group(1), match.group(2)) if match else piece

    return replace


SEE_ALSO_LIMIT = 7
"""A question page's one list of other questions: at most this many, strongest reasons first."""


def see_also(guide: Guide, graph: LinkGraph, q: Question) -> list[tuple[str, tuple[str, ...]]]:
    """(question id, reasons) for the page's "See also" list: every link in and out, then suggestions.

    One entry per question, however many ways it is linked; reasons (string-catalogue keys,
    `see_also_<reason>`) in the order of strength: the author's `related`, a link in the answer,
    a link from that question to this one, then for suggestions a shared topic or tag.
    """
    reasons: dict[str, list[str]] = {}
    related = set(q.related)
    for target in graph.outgoing[q.id]:
        reasons.setdefault(target, []).append("related" if target in related else "linked")
    for source in graph.backlinks[q.id]:
        reasons.setdefault(source, []).append("links_here")
    topics = set(q.topics)
    for other in graph.suggestions[q.id]:
        shares_topic = bool(topics.intersection(guide.question(other).topics))
        reasons.setdefault(other, []).append("same_topic" if shares_topic else "shared_tag")
    return [(target, tuple(why)) for target, why in list(reasons.items())[:SEE_ALSO_LIMIT]]


def shared_tags(guide: Guide) -> frozenset[str]:
    """Tags carried by two questions or more: the only ones worth a link to the tags index."""
    seen: set[str] = set()
    shared: set[str] = set()
    for q in guide.questions:
        for tag in set(q.tags):
            (shared if tag in seen else seen).add(tag)
    return frozenset(shared)
