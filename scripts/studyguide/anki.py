"""The Anki deck offered as a download: one note per question, one sub-deck per topic.

Ids are derived from question and topic ids, never random, so re-importing an updated
deck updates the learner's cards instead of duplicating them. The package is byte-identical
across builds of the same input: genanki's timestamps are pinned (see `deck_timestamp`) and
the zip is written here with fixed entry dates.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import re
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

import genanki

from . import buildcache, gitdates
from .buildcache import BuildCache
from .flashcards import keep_question_html, markdown_to_html, titles_shown
from .model import FollowUp, Guide, Question
from .render import SiteOptions

"""Suggested file name under downloads/."""
DEFAULT_GUIDE_NAME = "Study Guide"
FALLBACK_TIMESTAMP = 1_704_067_200  # 2024-01-01T00:00:00Z, when no source file gives a time
ZIP_EPOCH = 315_532_800  # 1980-01-01T00:00:00Z, the earliest date a zip entry can hold

FIELDS = ("Question", "Summary", "KeyPoints", "Link", "Topics", "Difficulty", "Id")
"""The note type's fields, in order; `Id` is the question id (hidden on the cards)."""

_FRONT = """\
<div class="sg-meta">{{Topics}} · {{Difficulty}}</div>
<div class="sg-question">{{Question}}</div>
"""
# Labels are filled in from the guide's string catalogue (see `_model`); Anki's own
# {{Field}} markers are left alone.
_BACK = """\
{{FrontSide}}
<hr id="answer">
<div class="sg-summary">{{Summary}}</div>
{{#KeyPoints}}<div class="sg-label">@key_points@</div>{{KeyPoints}}{{/KeyPoints}}
{{#Link}}<p class="sg-link"><a href="{{Link}}">@deck_full_answer@</a></p>{{/Link}}
"""
_CSS = """\
.card { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 18px;
  line-height: 1.5; text-align: left; max-width: 40em; margin: 0 auto; padding: 0 0.5em; }
.sg-meta { font-size: 0.75em; color: #666; }
.sg-question { font-size: 1.2em; font-weight: 700; margin: 0.4em 0; }
.sg-context { display: block; font-size: 0.7em; font-weight: 400; color: #666; }
.sg-label { font-weight: 700; margin-top: 0.8em; }
.sg-link { font-size: 0.85em; margin-top: 1em; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; background: rgba(127, 127, 127, 0.15);
  padding: 0 0.2em; border-radius: 0.2em; }
pre { overflow-x: auto; background: rgba(127, 127, 127, 0.12); padding: 0.6em; border-radius: 0.3em; }
pre code { background: none; padding: 0; }
.nightMode .sg-meta, .nightMode .sg-context { color: #aaa; }
"""


def stable_id(identity: str, kind: str, key: str) -> int:
    """A positive 53-bit id from sha1, stable across builds and exact in JavaScript (Anki's UI).

    `identity` is the guide's (`SiteOptions.identity`): two guides never share a deck or note type.
    """
    digest = hashlib.sha1(f"studyguide:{identity}:{kind}:{key}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:6], "big") % ((1 << 53) - (1 << 30))


def note_guid(identity: str, question_id: str) -> str:
    """The note's GUID: from the guide and the question id, so an edited question stays the same
    note, and two guides with a question id in common stay two notes in a learner's collection."""
    return genanki.guid_for("studyguide-question", identity, question_id)


def anki_tag(text: str) -> str:
    """Anki tags are space-separated: spaces inside a tag become underscores."""
    return re.sub(r"\s+", "_", text.strip())


def note_tags(q: Question) -> list[str]:
    tags = [f"topic::{t}" for t in q.topics] + [f"difficulty::{q.difficulty}"] + list(q.tags)
    return sorted(dict.fromkeys(anki_tag(t) for t in tags if t.strip()))


def deck_timestamp(guide: Guide) -> int:
    """The one time written into notes, cards and the note type: the content's time.

    Anki updates an existing note on re-import only when the incoming note is newer, so a
    constant would freeze every card at its first import; the time of the content (see
    `gitdates.content_epoch`) keeps builds of unchanged input byte-identical and lets
    edits reach learners.
    """
    epoch = gitdates.content_epoch(guide.source_dir)
    return epoch if epoch is not None else FALLBACK_TIMESTAMP


def _model(identity: str, t: dict[str, str]) -> genanki.Model:
    back = _BACK.replace("@key_points@", html.escape(t["key_points"]))
    back = back.replace("@deck_full_answer@", html.escape(t["deck_full_answer"]))
    return genanki.Model(
        stable_id(identity, "model", "question-v1"),
        "Study guide question",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question → answer", "qfmt": _FRONT, "afmt": back}],
        css=_CSS,
        sort_field_index=0,
    )


def _note(
    q: Question, guide: Guide, model: genanki.Model, page_base: str, position: int, cache: BuildCache | None, identity: str
) -> genanki.Note:
    cache = cache if cache is not None else BuildCache()
    keep_question_html(q, guide, cache)
    fields = cache.get("deck-note", _note_key(q, guide, page_base), lambda: _note_fields(q, guide, page_base, cache))
    # `due` orders new cards: Anki shows them in the guide's reading order.
    return genanki.Note(model=model, fields=fields, tags=note_tags(q), guid=note_guid(identity, q.id), due=position)


def _follow_up_notes(
    q: Question, guide: Guide, model: genanki.Model, page_base: str, position: int, cache: BuildCache | None, options: SiteOptions
) -> list[genanki.Note]:
    """One note per answered follow-up, drilled like a question; the note says which question it follows."""
    cache = cache if cache is not None else BuildCache()
    notes = []
    for index, follow_up in _answered(q):
        fields = cache.get(
            "deck-follow-up",
            _follow_up_key(q, guide, page_base, index, options.strings),
            lambda follow_up=follow_up, index=index: _follow_up_fields(
                q, follow_up, index, guide, page_base, cache, options.strings
            ),
        )
        # The id is the follow-up's place in the file: rewording it keeps the learner's card.
        guid = note_guid(options.identity, f"{q.id}/follow-up/{index + 1}")
        notes.append(genanki.Note(model=model, fields=fields, tags=[*note_tags(q), "follow-up"], guid=guid, due=position))
    return notes


def _answered(q: Question) -> list[tuple[int, FollowUp]]:
    return [(index, f) for index, f in enumerate(q.follow_ups) if f.answer]


def _follow_up_key(q: Question, guide: Guide, page_base: str, index: int, t: dict[str, str]) -> str:
    return buildcache.key(q.content_key(), page_base, str(index), t["deck_follow_up_of"], *titles_shown(q, guide))


def _follow_up_fields(
    q: Question, follow_up: FollowUp, index: int, guide: Guide, page_base: str, cache: BuildCache, t: dict[str, str]
) -> list[str]:
    context = html.escape(t["deck_follow_up_of"].format(title=q.title), quote=False)
    question = html.escape(follow_up.question, quote=False)
    return [
        f'<span class="sg-context">{context}</span>{question}',
        markdown_to_html(follow_up.answer, guide, page_base, cache=cache),
        "",
        f"{page_base}{q.id}/#follow-up-questions" if page_base else "",
        html.escape(", ".join(guide.topic(t).title for t in q.topics), quote=False),
        q.difficulty,
        f"{q.id}/follow-up/{index + 1}",
    ]


def _note_key(q: Question, guide: Guide, page_base: str) -> str:
    """Digest of what a note shows: the question, its topics' titles, the titles it links to, the site."""
    return buildcache.key(q.content_key(), page_base, *titles_shown(q, guide))


def keep_notes(guide: Guide, options: SiteOptions, cache: BuildCache) -> None:
    """The deck file was reused: keep its notes in the cache, so the next rebuild converts only what changed."""
    page_base = _page_base(options.site_url)
    for q in guide.questions:
        cache.keep("deck-note", _note_key(q, guide, page_base))
        keep_question_html(q, guide, cache)
        for index, _ in _answered(q):
            cache.keep("deck-follow-up", _follow_up_key(q, guide, page_base, index, options.strings))


def _page_base(site_url: str) -> str:
    base = site_url.rstrip("/") + "/" if site_url else ""
    return f"{base}questions/" if base else ""


def _note_fields(q: Question, guide: Guide, page_base: str, cache: BuildCache) -> list[str]:
    def to_html(text: str, inline: bool = False) -> str:
        return markdown_to_html(text, guide, page_base, inline=inline, cache=cache)

    key_points = "".join(f"<li>{to_html(point, inline=True)}</li>" for point in q.key_points)
    return [
        html.escape(q.title, quote=False),
        to_html(q.summary),
        f"<ul>{key_points}</ul>" if key_points else "",
        f"{page_base}{q.id}/" if page_base else "",
        html.escape(", ".join(guide.topic(t).title for t in q.topics), quote=False),
        q.difficulty,
        q.id,
    ]


def build_package(guide: Guide, options: SiteOptions, cache: BuildCache | None = None) -> genanki.Package:
    """The genanki package: a parent deck named after the site and a sub-deck per primary topic.

    The parent deck's description names the site (when its address is known) and the licence.
    """
    name, rights, identity = options.site_name, options.rights, options.identity
    model = _model(identity, options.strings)
    base = options.site_url.rstrip("/") + "/" if options.site_url else ""
    page_base = _page_base(options.site_url)
    about = f'Questions from <a href="{html.escape(base)}">{html.escape(name)}</a>.' if base else ""
    if rights:
        about = f"{about} {html.escape(rights)}".strip()
    decks = [genanki.Deck(stable_id(identity, "deck", ""), name, description=about)]
    by_topic: dict[str, genanki.Deck] = {}
    for position, q in enumerate(guide.questions):
        topic = guide.topic(q.primary_topic)
        if topic.id not in by_topic:
            sub_deck = genanki.Deck(
                stable_id(identity, "deck", topic.id), f"{name}::{topic.title}", description=html.escape(topic.description)
            )
            by_topic[topic.id] = sub_deck
            decks.append(sub_deck)
        by_topic[topic.id].add_note(_note(q, guide, model, page_base, position, cache, identity))
        for note in _follow_up_notes(q, guide, model, page_base, position, cache, options):
            by_topic[topic.id].add_note(note)
    decks[0].add_model(model)
    return genanki.Package(decks)


def build_deck(guide: Guide, options: SiteOptions, cache: BuildCache | None = None) -> bytes:
    """The `.apkg` file's bytes: one note per question and per answered follow-up, identical for identical input.

    `options.site_url` (the site's root) makes each card's link to its page; without it the
    cards carry no link. Deck, note type and note ids derive from `options.identity`.
    """
    package = build_package(guide, options, cache)
    timestamp = deck_timestamp(guide)
    with tempfile.TemporaryDirectory(prefix="studyguide-anki-") as tmp:
        database = Path(tmp) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            # Note and card ids count up from the timestamp, so they are fixed too.
            package.write_to_db(connection.cursor(), timestamp, itertools.count(timestamp * 1000))
            connection.commit()
        finally:
            connection.close()
        collection = database.read_bytes()
    return _zip({"collection.anki2": collection, "media": b"{}"}, timestamp)


def _zip(entries: dict[str, bytes], timestamp: int) -> bytes:
    """A zip whose bytes depend only on `entries` and `timestamp` (genanki's would carry the temp file's date)."""
    date_time = time.gmtime(max(timestamp, ZIP_EPOCH))[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry_name, data in entries.items():
            info = zipfile.ZipInfo(entry_name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)  # default level: level 9 is 60 % slower for 0.2 % less
    return buffer.getvalue()
