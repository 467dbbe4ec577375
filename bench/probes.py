"""The search probe set, typed into the header search box of a built site, key by key.

Shared by the real-browser test (tests/browser/test_search_relevance.py) and the benchmark
(bench/search.py): both read the ordered result list the learner sees, so a score here is
the score of what a learner gets. Works with the guide's Pagefind search (the list says
which query it answers in `data-sg-query`) and, for the before/after comparison, with
Material's lunr search (each result link carries the terms it matched, `?h=`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

PROBES = Path(__file__).resolve().parent.parent / "tests" / "search_probes.yml"

# Material's lunr search answers every prefix as it is typed: its list answers the whole query
# once some result link highlights the query's last word (or it says nothing matched).
_LUNR_DONE = """last => {
  const meta = document.querySelector('.md-search-result__meta');
  const links = [...document.querySelectorAll('.md-search-result__link')];
  if (links.some(a => (new URL(a.href).searchParams.get('h') || '').split(' ').some(w => w.startsWith(last)))) return true;
  return !links.length && meta && /no matching/i.test(meta.textContent);
}"""


@dataclass(frozen=True)
class Probe:
    query: str
    first: str
    top3: tuple[str, ...]
    kind: str


@dataclass
class Outcome:
    probe: Probe
    ranked: list[str]
    """Question ids (or other pages' paths) in the order shown."""
    snippets: list[str] = field(default_factory=list)

    @property
    def first_ok(self) -> bool:
        return bool(self.ranked) and self.ranked[0] == self.probe.first

    @property
    def top3_ok(self) -> bool:
        wanted = {self.probe.first, *self.probe.top3}
        return wanted <= set(self.ranked[:3])


def load_probes(path: Path = PROBES) -> list[Probe]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Probe(str(r["query"]), r["first"], tuple(r.get("top3") or ()), r.get("kind", "")) for r in rows]


def page_id(href: str) -> str:
    """A question's id from its result link; any other page by its path."""
    path = urlsplit(href).path
    found = re.search(r"/questions/([^/]+)/", path)
    return found.group(1) if found else path


def open_search(page, site_url: str) -> None:
    """Open the header search the way a learner does: the `/` shortcut."""
    page.goto(site_url)
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")


def type_query(page, query: str, engine: str = "pagefind", timeout: float = 10_000) -> tuple[list[str], list[str]]:
    """Clear the header box, type `query` key by key, wait for its results; the ranked ids and snippets."""
    box = page.locator("input.md-search__input")
    box.focus()
    box.press("Control+a")
    box.press("Backspace")
    box.press_sequentially(query)
    if engine == "lunr":
        last = re.split(r"[\s\-]+", query.lower())[-1]
        try:
            page.wait_for_function(_LUNR_DONE, arg=last, timeout=timeout)
        except Exception:  # the lunr list may never name the last word (it matched another): take what is shown
            page.wait_for_timeout(500)
    else:
        page.wait_for_function(
            "q => document.querySelector('.md-search-result')?.dataset.sgQuery === q", arg=query, timeout=timeout
        )
    items = page.locator(".md-search-result__item > a:first-child")
    hrefs = items.evaluate_all("links => links.map(a => a.href)")
    snippets = page.locator(".md-search-result__item article p").all_inner_texts()
    return hrefs, snippets


def run_probes(page, site_url: str, probes: list[Probe], engine: str = "pagefind") -> list[Outcome]:
    open_search(page, site_url)
    outcomes = []
    for probe in probes:
        hrefs, snippets = type_query(page, probe.query, engine)
        outcomes.append(Outcome(probe, [page_id(h) for h in hrefs], snippets))
    return outcomes


def score(outcomes: list[Outcome]) -> tuple[float, float]:
    """Share of probes with the right question first, and with every wanted question in the top 3."""
    n = len(outcomes) or 1
    return sum(o.first_ok for o in outcomes) / n, sum(o.top3_ok for o in outcomes) / n


def report(outcomes: list[Outcome]) -> str:
    first, top3 = score(outcomes)
    lines = [f"probe set: {len(outcomes)} queries, right first {first:.0%}, wanted in top 3 {top3:.0%}"]
    for o in outcomes:
        if not (o.first_ok and o.top3_ok):
            lines.append(f"  {o.probe.query!r}: want {o.probe.first} (+{list(o.probe.top3)}), got {o.ranked[:3]}")
    return "\n".join(lines)
