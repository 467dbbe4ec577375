"""The Anki deck (and the card data it shares with the flashcards page): contents, stable ids, same bytes."""

from __future__ import annotations

import dataclasses
import html
import io
import json
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from helpers import FIXTURES
from studyguide import anki, flashcards
from studyguide.loader import load_guide
from studyguide.model import Guide
from studyguide.render import GENERATED_MARK, SiteOptions

SITE = "https://example.org/guide/"
NAME = "Test Guide"
OPTIONS = SiteOptions(site_name=NAME, site_url=SITE)


@dataclasses.dataclass
class Collection:
    notes: list[dict]
    cards: list[dict]
    decks: dict[int, str]
    models: dict
    names: list[str]
    dates: list[tuple[int, ...]]


def open_deck(data: bytes, tmp_path: Path) -> Collection:
    """Read a .apkg the way Anki does: a zip holding a SQLite collection."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    database = tmp_path / "collection.anki2"
    database.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(database)
    connection.row_factory = sqlite3.Row
    try:
        notes = [dict(row) for row in connection.execute("SELECT * FROM notes ORDER BY id")]
        cards = [dict(row) for row in connection.execute("SELECT * FROM cards ORDER BY id")]
        decks_json, models_json = connection.execute("SELECT decks, models FROM col").fetchone()
    finally:
        connection.close()
    decks = {int(k): v["name"] for k, v in json.loads(decks_json).items()}
    return Collection(notes, cards, decks, json.loads(models_json), names, [i.date_time for i in archive.infolist()])


def fields_of(note: dict) -> dict[str, str]:
    return dict(zip(anki.FIELDS, note["flds"].split("\x1f"), strict=True))


@pytest.fixture
def no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="module")
def guide() -> Guide:
    """A small guide on another subject: the deck knows nothing of this repository's guide."""
    return load_guide(FIXTURES / "systems")


@pytest.fixture(scope="module")
def mini() -> Guide:
    return load_guide(FIXTURES / "mini")


def test_deck_is_a_zip_with_one_note_per_question(guide: Guide, tmp_path: Path, no_epoch: None) -> None:
    deck = open_deck(anki.build_deck(guide, OPTIONS), tmp_path)
    assert deck.names == ["collection.anki2", "media"]
    answered = sum(1 for q in guide.questions for f in q.follow_ups if f.answer)
    assert len(deck.notes) == len(deck.cards) == len(guide.questions) + answered
    by_id = {fields_of(n)["Id"]: fields_of(n) for n in deck.notes}
    assert {i for i in by_id if "/" not in i} == {q.id for q in guide.questions}
    q = guide.question("quorum-reads-and-writes")
    fields = by_id[q.id]
    assert fields["Question"] == q.title
    assert fields["Summary"].startswith(r'<p>With <span class="arithmatex">\(N\)</span> replicas')
    assert fields["KeyPoints"].count("<li>") == len(q.key_points)
    assert fields["Link"] == SITE + "questions/quorum-reads-and-writes/"
    assert fields["Difficulty"] == "intermediate"
    assert fields["Topics"] == "Consistency"
    (model,) = deck.models.values()
    assert [f["name"] for f in model["flds"]] == list(anki.FIELDS)
    assert "{{Link}}" in model["tmpls"][0]["afmt"]


def test_same_input_gives_the_same_bytes(guide: Guide, no_epoch: None) -> None:
    assert anki.build_deck(guide, OPTIONS) == anki.build_deck(guide, OPTIONS)


def test_source_date_epoch_pins_every_time(mini: Guide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = anki.build_deck(mini, OPTIONS)
    deck = open_deck(data, tmp_path)
    assert {n["mod"] for n in deck.notes} == {1700000000}
    assert {c["mod"] for c in deck.cards} == {1700000000}
    assert set(deck.dates) == {(2023, 11, 14, 22, 13, 20)}
    assert anki.build_deck(mini, OPTIONS) == data


def test_ids_are_derived_from_question_and_topic_ids(mini: Guide, tmp_path: Path, no_epoch: None) -> None:
    first = open_deck(anki.build_deck(mini, OPTIONS), tmp_path)
    guids = {fields_of(n)["Id"]: n["guid"] for n in first.notes}
    note_ids = [q.id for q in mini.questions] + ["overfitting/follow-up/1"]
    assert guids == {i: anki.note_guid(OPTIONS.identity, i) for i in note_ids}
    assert len(set(guids.values())) == len(guids)
    assert set(first.decks) >= {anki.stable_id(OPTIONS.identity, "deck", t.id) for t in mini.topics}
    assert set(first.models) == {str(anki.stable_id(OPTIONS.identity, "model", "question-v1"))}


def test_answered_follow_ups_are_drilled_as_notes_of_their_own(mini: Guide, tmp_path: Path, no_epoch: None) -> None:
    """The fixture's overfitting question has one answered follow-up and one without an answer."""
    deck = open_deck(anki.build_deck(mini, OPTIONS), tmp_path)
    follow_ups = [fields_of(n) for n in deck.notes if "follow-up" in n["tags"].split()]
    assert len(follow_ups) == 1
    (note,) = follow_ups
    assert note["Question"] == '<span class="sg-context">Follow-up to: What is overfitting?</span>How do you detect it?'
    assert note["Summary"].startswith("<p>Compare training and validation error")
    assert r"\(E_{val} - E_{train}\)" in note["Summary"]
    assert f'href="{SITE}questions/regularization/"' in note["Summary"]
    assert note["Link"] == SITE + "questions/overfitting/#follow-up-questions"
    (model,) = deck.models.values()
    assert "Read the full answer" in model["tmpls"][0]["afmt"]


def test_two_guides_never_share_a_deck_a_note_type_or_a_note(mini: Guide, tmp_path: Path, no_epoch: None) -> None:
    """A learner who imports two guides with a question id in common gets both, side by side."""
    other = SiteOptions(site_name="Another Guide", site_url=SITE)
    assert other.deck_file == "another-guide.apkg" and OPTIONS.deck_file == "test-guide.apkg"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = open_deck(anki.build_deck(mini, OPTIONS), tmp_path / "a")
    second = open_deck(anki.build_deck(mini, other), tmp_path / "b")
    assert not {n["guid"] for n in first.notes} & {n["guid"] for n in second.notes}
    assert not set(first.decks) & set(second.decks) - {1}  # 1 is Anki's own "Default" deck
    assert not set(first.models) & set(second.models)


def test_an_edited_question_keeps_its_note_and_is_newer(tmp_path: Path, no_epoch: None) -> None:
    """Re-importing an updated deck must update the learner's note, not add a second one."""
    questions = tmp_path / "questions"
    shutil.copytree(FIXTURES / "mini", questions)
    before = open_deck(anki.build_deck(load_guide(questions), OPTIONS), tmp_path)
    source = questions / "overfitting.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("learns noise", "memorises noise"), encoding="utf-8")
    stat = source.stat()
    os.utime(source, (stat.st_atime, stat.st_mtime + 60))
    after_dir = tmp_path / "after"
    after_dir.mkdir()
    after = open_deck(anki.build_deck(load_guide(questions), OPTIONS), after_dir)

    old = {n["guid"]: n for n in before.notes}
    new = {n["guid"]: n for n in after.notes}
    assert old.keys() == new.keys()
    guid = anki.note_guid(OPTIONS.identity, "overfitting")
    assert "memorises noise" in fields_of(new[guid])["Summary"]
    # Anki updates an existing note on import only when the incoming one is newer.
    assert new[guid]["mod"] > old[guid]["mod"]


def test_one_sub_deck_per_primary_topic(guide: Guide, tmp_path: Path, no_epoch: None) -> None:
    deck = open_deck(anki.build_deck(guide, OPTIONS), tmp_path)
    primary = {q.primary_topic for q in guide.questions}
    expected = {f"{NAME}::{t.title}" for t in guide.topics if t.id in primary}
    assert set(deck.decks.values()) - {"Default", NAME} == expected
    deck_of_note = {c["nid"]: deck.decks[c["did"]] for c in deck.cards}
    for note in deck.notes:
        q = guide.question(fields_of(note)["Id"].split("/")[0])  # a follow-up's note sits with its question
        assert deck_of_note[note["id"]] == f"{NAME}::{guide.topic(q.primary_topic).title}"


def test_tags_come_from_topics_tags_and_difficulty(guide: Guide, tmp_path: Path, no_epoch: None) -> None:
    deck = open_deck(anki.build_deck(guide, OPTIONS), tmp_path)
    for note in deck.notes:
        q = guide.question(fields_of(note)["Id"].split("/")[0])
        tags = set(note["tags"].split())
        assert {f"topic::{t}" for t in q.topics} <= tags
        assert f"difficulty::{q.difficulty}" in tags
        assert {t.replace(" ", "_") for t in q.tags} <= tags
    assert anki.anki_tag("neural networks") == "neural_networks"


def test_math_code_and_links_render_for_anki(mini: Guide, tmp_path: Path, no_epoch: None) -> None:
    q = mini.question("overfitting")
    edited = dataclasses.replace(
        q,
        summary="Use `model.fit(X)` and see [[regularization|the cure]]; the gap is $E_{test} - E_{train}$.",
        key_points=("$$\na < b\n$$", "```python\nx = 1 < 2\n```"),
    )
    guide = Guide(tuple(edited if o.id == q.id else o for o in mini.questions), mini.topics, mini.glossary, mini.source_dir)
    deck = open_deck(anki.build_deck(guide, OPTIONS), tmp_path)
    fields = next(fields_of(n) for n in deck.notes if fields_of(n)["Id"] == "overfitting")
    assert "<code>model.fit(X)</code>" in fields["Summary"]
    assert f'<a href="{SITE}questions/regularization/">the cure</a>' in fields["Summary"]
    assert r"\(E_{test} - E_{train}\)" in fields["Summary"]
    assert '<div class="arithmatex">\\[\na &lt; b\n\\]</div>' in fields["KeyPoints"]
    assert '<pre><code class="language-python">x = 1 &lt; 2' in fields["KeyPoints"]


@pytest.mark.parametrize(
    "text",
    [
        "1. first",
        "# heading",
        "> quoted",
        "+ plus",
        "- dash",
        "a -- b and c - d",
        "x = y",
        "===",
        "Tab\tinside",
        "  padded  ",
        "",
    ],
)
def test_plain_text_shortcut_matches_markdown(guide: Guide, text: str) -> None:
    texts = [text] if text else [t for q in guide.questions for t in (q.summary, *q.key_points) if "[[" not in t]
    converter = flashcards._converter()
    for sample in texts:
        converter.reset()
        assert flashcards.markdown_to_html(sample, guide, "../questions/") == converter.convert(sample).strip(), sample


def test_card_data_for_the_flashcards_page(mini: Guide) -> None:
    text = flashcards.cards_json(mini)
    assert text == flashcards.cards_json(mini)
    data = json.loads(text)
    assert data["version"] == 2
    assert [c["id"] for c in data["cards"]] == [q.id for q in mini.questions]
    card = next(c for c in data["cards"] if c["id"] == "overfitting")
    assert card["url"] == "questions/overfitting/"
    assert len(card["answer_hash"]) == 12 and all(f["question"] for f in card["follow_ups"])
    assert card["topics"] == ["basics"] and card["topic_titles"] == ["Basics"]
    # Titles reach HTML with their punctuation as entities; a browser shows them as written.
    assert '<a href="../questions/regularization/">What is regularization?</a>' in html.unescape(card["summary_html"])
    assert card["key_points_html"][0] == "Watch the gap between training and validation error."
    math = next(c for c in data["cards"] if c["id"] == "regularization")
    # Typeset at build time, as on the site's pages: the flashcards page runs no math script.
    assert '<span class="arithmatex"><span class="katex">' in math["summary_html"]
    assert "\\(" not in math["summary_html"] and "\\lambda" in math["summary_html"]  # the TeX only as MathML's annotation


def test_flashcards_page_states_its_schedule_and_links_the_deck(mini: Guide) -> None:
    from studyguide.render import SiteOptions

    page = flashcards.flashcards_page(mini, SiteOptions(downloads=(OPTIONS.deck_file,)))
    assert page.startswith(f"---\n{GENERATED_MARK}")
    assert 'data-cards="../downloads/cards.json"' in page
    assert "FSRS" in page and "Again" in page
    assert f"[Anki deck](downloads/{OPTIONS.deck_file})" in page
    assert "Anki deck" not in flashcards.flashcards_page(mini)
