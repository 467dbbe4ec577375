"""Link the first mention of each glossary term on a page to its definition.

Matching is whole-word, longest term first ("binary search tree" before "tree"),
case-insensitive except for terms written with capitals inside them (acronyms such as
"AUC" or "ReLU"), which match only as written. Prose only: see `mdtext`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from .mdtext import rewrite_prose
from .model import GlossaryEntry

T = TypeVar("T")


def _is_case_sensitive(name: str) -> bool:
    # "AUC", "ReLU", "t-SNE": capitals after the first letter mark an acronym or a proper name.
    return any(ch.isupper() for ch in name[1:])


@dataclass
class GlossaryMatcher:
    """A compiled matcher for one glossary; reuse it for every page of a build."""

    entries: tuple[GlossaryEntry, ...]
    _pattern: re.Pattern[str] | None = field(init=False, default=None)
    """Matches the lower-case names in lower-cased text: twice as fast as re.IGNORECASE."""
    _lookup: dict[str, GlossaryEntry] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        names: list[str] = []
        for entry in self.entries:
            for name in (entry.term, *entry.aliases):
                key = name if _is_case_sensitive(name) else name.lower()
                self._lookup.setdefault(key, entry)
                names.append(name)
        if not names:
            return
        # One case-insensitive trie-shaped pattern: a flat alternation of hundreds of terms
        # is tried term by term at every character, a trie only along matching prefixes.
        # Greedy trie branches give the longest term; case-sensitive terms are checked on match.
        source = r"(?<![\w-])" + _trie_regex(sorted({n.lower() for n in names})) + r"(?![\w-])"
        self._pattern = re.compile(source)

    def entry_for(self, text: str) -> GlossaryEntry | None:
        """The entry `text` names: case-sensitive names ("AUC") only as written."""
        return self._lookup.get(text) or self._lookup.get(text.lower())

    def link_terms(
        self,
        markdowns: Iterable[str],
        link_for: Callable[[str, GlossaryEntry], str],
        *,
        rewrite_wiki: Callable[[str], str] | None = None,
    ) -> tuple[list[str], list[GlossaryEntry]]:
        """Link the first mention of each term across `markdowns` (one page's texts, in order).

        Returns the rewritten texts and the entries mentioned, in order of first mention.
        `rewrite_wiki`, if given, rewrites each `[[...]]` link in the same pass.
        """
        seen: dict[str, GlossaryEntry] = {}
        pattern = self._pattern
        if pattern is None:
            if rewrite_wiki is None:
                return list(markdowns), []
            return [rewrite_prose(text, lambda prose: prose, rewrite_wiki=rewrite_wiki) for text in markdowns], []

        def linked(text: str) -> str:
            entry = self.entry_for(text)
            if entry is None or entry.term in seen:
                return text
            seen[entry.term] = entry
            return link_for(text, entry)

        def link_prose(prose: str) -> str:
            lowered = prose.lower()
            if len(lowered) != len(prose):  # e.g. "İ" lowers to two characters: offsets would drift
                return _any_case(pattern).sub(lambda match: linked(match.group(0)), prose)
            out: list[str] = []
            position = 0
            for match in pattern.finditer(lowered):
                start, end = match.span()
                out += (prose[position:start], linked(prose[start:end]))
                position = end
            if not out:
                return prose
            out.append(prose[position:])
            return "".join(out)

        out = [rewrite_prose(text, link_prose, rewrite_wiki=rewrite_wiki) for text in markdowns]
        return out, list(seen.values())


@cache
def _any_case(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with re.IGNORECASE, compiled only for the rare text that needs it."""
    return re.compile(pattern.pattern, re.IGNORECASE)


def _trie_regex(words: list[str]) -> str:
    """A regex matching exactly `words`, shaped as a trie, longest alternative first."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        ends_here = "" in node
        branches = []
        for char, child in sorted(node.items()):
            if not char:
                continue
            run = re.escape(char)
            # A run of characters with no branch and no word ending is one literal, not one
            # call per character: a long term must not exhaust the recursion.
            while len(child) == 1 and "" not in child:
                ((char, child),) = child.items()
                run += re.escape(char)
            branches.append(run + pattern(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Optional continuation is greedy, so the longest term wins and backtracks to a shorter one.
        return f"(?:{body})?" if ends_here else body

    return "(?:" + pattern(trie) + ")"


def letter_of(term: str, other: str) -> str:
    """The A–Z bar's letter for `term`: its first letter without accents, or `other` ("#")."""
    first = unicodedata.normalize("NFKD", term.strip()[:1])[:1].upper()
    return first if "A" <= first <= "Z" else other


def by_letter(entries: list[T], other: str) -> list[tuple[str, str, list[T]]]:
    """(letter, anchor, entries) for each first letter, A to Z then `other`; each item of
    `entries` holds its `GlossaryEntry` first. Letter anchors ("sg-letter-a") carry the
    generator's prefix, which no term's anchor is expected to start with."""
    groups: dict[str, list[T]] = {}
    for item in entries:
        groups.setdefault(letter_of(item[0].term, other), []).append(item)  # type: ignore[index]
    ordered = sorted(groups, key=lambda letter: (letter == other, letter))
    return [(letter, _letter_anchor(letter, other), groups[letter]) for letter in ordered]


def letter_bar(groups: list[tuple[str, str, list[Any]]], other: str) -> list[tuple[str, str, bool]]:
    """(letter, anchor, has terms) for A to Z, then `other` when some term starts with neither."""
    present = {letter for letter, _, _ in groups}
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + ([other] if other in present else [])
    return [(letter, _letter_anchor(letter, other), letter in present) for letter in letters]


def _letter_anchor(letter: str, other: str) -> str:
    return "sg-letter-other" if letter == other else f"sg-letter-{letter.lower()}"
