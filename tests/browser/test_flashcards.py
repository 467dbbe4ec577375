"""The flashcards page in a real browser: keyboard study, saved progress, filters, status badges.

Every test starts from an empty localStorage (a fresh browser context) and ends by checking
that the page logged no error and fetched nothing from outside the served site.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.slow

STORAGE_KEY = "sg-study-v2:ml-interview-guide"
"""Progress key: the guide's identity (this guide's `extra.guide_id`)."""


@pytest.fixture(scope="module")
def cards(built_site: Path) -> list[dict]:
    return json.loads((built_site / "downloads" / "cards.json").read_text(encoding="utf-8"))["cards"]


def open_flashcards(page: Page, site_url: str, total: int) -> None:
    page.goto(site_url + "flashcards/")
    expect(count(page)).to_have_attribute("data-count", str(total))


def count(page: Page) -> Locator:
    return page.locator('[data-fc="count"]')


def question(page: Page) -> Locator:
    return page.locator('[data-fc="question"]')


def saved(page: Page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})") or '{"cards": {}}')


def assert_clean(page_log: Any, site_url: str) -> None:
    """No error logged, nothing fetched from outside the served site."""
    assert page_log.console_errors == []
    assert page_log.page_errors == []
    outside = [url for url in page_log.requests if not url.startswith((site_url, "data:", "blob:"))]
    assert outside == [], "the study page must work offline"


def test_keyboard_grading_is_saved_and_survives_a_reload(page: Page, site_url: str, page_log: Any, cards: list[dict]) -> None:
    total = len(cards)
    open_flashcards(page, site_url, total)
    first, second = cards[0], cards[1]
    expect(question(page)).to_have_text(first["title"])
    answer = page.locator('[data-fc="answer"]')
    expect(answer).to_be_hidden()

    page.keyboard.press("Space")
    expect(answer).to_be_visible()
    expect(answer.locator(".sg-fc__more a")).to_have_attribute("href", site_url + first["url"])
    page.keyboard.press("4")  # Easy: due in days, leaves this session
    expect(count(page)).to_have_attribute("data-count", str(total - 1))
    expect(question(page)).to_have_text(second["title"])
    expect(answer).to_be_hidden()

    page.keyboard.press("Space")
    page.keyboard.press("1")  # Again: due in a minute, stays in the session, a few cards later
    expect(count(page)).to_have_attribute("data-count", str(total - 1))
    expect(question(page)).to_have_text(cards[2]["title"])

    progress = saved(page)
    assert progress["format"] == "sg-progress" and progress["version"] == 2
    assert progress["cards"][first["id"]]["state"] == 2  # review
    assert progress["cards"][second["id"]]["state"] == 1  # learning

    page.reload()
    # The known card is not due for days; the one graded Again comes back once its minute is up.
    expect(count(page)).to_have_attribute("data-count", str(total - 2))
    expect(question(page)).to_have_text(cards[2]["title"])
    page.goto(site_url + second["url"])
    expect(page.locator(f'.sg-meta .sg-status[data-question="{second["id"]}"]')).to_have_text("due")
    assert saved(page)["cards"].keys() == {first["id"], second["id"]}
    assert_clean(page_log, site_url)


def test_space_does_not_grade_and_keys_wait_for_the_answer(page: Page, site_url: str, page_log: Any, cards: list[dict]) -> None:
    open_flashcards(page, site_url, len(cards))
    page.keyboard.press("3")  # nothing to grade before the answer is shown
    expect(count(page)).to_have_attribute("data-count", str(len(cards)))
    page.keyboard.press("Space")
    page.keyboard.press("Space")  # a second space neither grades nor hides the answer
    expect(page.locator('[data-fc="answer"]')).to_be_visible()
    expect(count(page)).to_have_attribute("data-count", str(len(cards)))
    assert saved(page)["cards"] == {}
    assert_clean(page_log, site_url)


def test_filters_change_the_count(page: Page, site_url: str, page_log: Any, cards: list[dict]) -> None:
    open_flashcards(page, site_url, len(cards))
    topic = cards[0]["topics"][0]
    in_topic = [c for c in cards if topic in c["topics"]]
    page.select_option('[data-fc="topic"]', topic)
    expect(count(page)).to_have_attribute("data-count", str(len(in_topic)))
    expect(count(page)).to_have_text(f"{len(in_topic)} cards left")

    level = "advanced"
    both = [c for c in in_topic if c["difficulty"] == level]
    page.select_option('[data-fc="difficulty"]', level)
    expect(count(page)).to_have_attribute("data-count", str(len(both)))
    if both:
        expect(question(page)).to_have_text(both[0]["title"])

    page.select_option('[data-fc="topic"]', "")
    expect(count(page)).to_have_attribute("data-count", str(sum(c["difficulty"] == level for c in cards)))
    page.click('[data-fc="shuffle"]')
    expect(count(page)).to_have_attribute("data-count", str(sum(c["difficulty"] == level for c in cards)))
    assert_clean(page_log, site_url)


def test_finishing_a_selection_offers_practice(page: Page, site_url: str, page_log: Any, cards: list[dict]) -> None:
    open_flashcards(page, site_url, len(cards))
    level_counts = {level: sum(c["difficulty"] == level for c in cards) for level in ("beginner", "intermediate", "advanced")}
    level = min((n, lvl) for lvl, n in level_counts.items() if n)[1]
    page.select_option('[data-fc="difficulty"]', level)
    page.evaluate("document.activeElement.blur()")  # Space on a focused list would open it
    for _ in range(level_counts[level]):
        page.keyboard.press("Space")
        page.keyboard.press("4")
    expect(count(page)).to_have_attribute("data-count", "0")
    done = page.locator('[data-fc="done"]')
    expect(done).to_contain_text("All done for now")
    done.get_by_role("button").click()
    expect(count(page)).to_have_attribute("data-count", str(level_counts[level]))
    assert_clean(page_log, site_url)


def test_question_and_topic_pages_show_the_saved_status(page: Page, site_url: str, page_log: Any, cards: list[dict]) -> None:
    open_flashcards(page, site_url, len(cards))
    known, learning, untouched = cards[0], cards[1], cards[2]
    page.keyboard.press("Space")
    page.keyboard.press("4")
    page.keyboard.press("Space")
    page.keyboard.press("1")
    expect(count(page)).to_have_attribute("data-count", str(len(cards) - 1))

    page.goto(site_url + known["url"])
    badge = page.locator(f'.sg-status[data-question="{known["id"]}"]')
    expect(badge).to_be_visible()
    expect(badge).to_have_text("known")
    expect(badge).to_have_attribute("data-status", "known")

    topic = known["topics"][0]
    page.goto(site_url + f"topics/{topic}/")
    for card, status in ((known, "known"), (learning, "due"), (untouched, "new")):
        if topic in card["topics"]:
            expect(page.locator(f'.sg-status[data-question="{card["id"]}"]')).to_have_text(status)
    assert_clean(page_log, site_url)


def test_instant_navigation_sets_the_page_up_once(page: Page, site_url: str, page_log: Any, cards: list[dict]) -> None:
    page.goto(site_url)
    # Material's instant navigation: the page is swapped in without reloading the scripts.
    page.evaluate(f"location$.next(new URL({site_url + 'flashcards/'!r}))")
    expect(count(page)).to_have_attribute("data-count", str(len(cards)))
    page.evaluate(f"location$.next(new URL({site_url + cards[0]['url']!r}))")
    # Wait for the question page itself: the flashcard shows a status badge for the same question.
    expect(page.locator(".sg-fc")).to_have_count(0)
    expect(page.locator(f'.sg-meta .sg-status[data-question="{cards[0]["id"]}"]')).to_have_text("new")
    page.evaluate(f"location$.next(new URL({site_url + 'flashcards/'!r}))")
    expect(count(page)).to_have_attribute("data-count", str(len(cards)))
    page.keyboard.press("Space")
    page.keyboard.press("4")
    # One key press, one grade: a second listener would have graded two cards.
    expect(count(page)).to_have_attribute("data-count", str(len(cards) - 1))
    assert len(saved(page)["cards"]) == 1
    page.evaluate(f"location$.next(new URL({site_url + cards[0]['url']!r}))")
    expect(page.locator(".sg-fc")).to_have_count(0)
    expect(page.locator(f'.sg-meta .sg-status[data-question="{cards[0]["id"]}"]')).to_have_text("known")
    assert_clean(page_log, site_url)


def test_export_reset_and_import(page: Page, site_url: str, page_log: Any, cards: list[dict], tmp_path: Path) -> None:
    total = len(cards)
    open_flashcards(page, site_url, total)
    page.keyboard.press("Space")
    page.keyboard.press("4")
    expect(count(page)).to_have_attribute("data-count", str(total - 1))

    with page.expect_download() as download_info:
        page.click('[data-fc="export"]')
    download = download_info.value
    assert download.suggested_filename == "study-progress.json"
    exported = tmp_path / "study-progress.json"
    download.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "sg-progress" and data["version"] == 2 and "exported" in data
    assert data["cards"][cards[0]["id"]]["state"] == 2

    page.once("dialog", lambda dialog: dialog.accept())
    page.click('[data-fc="reset"]')
    expect(count(page)).to_have_attribute("data-count", str(total))
    expect(page.locator('[data-fc="message"]')).to_contain_text("Progress reset")
    assert saved(page)["cards"] == {}

    page.set_input_files('[data-fc="import-file"]', str(exported))
    expect(count(page)).to_have_attribute("data-count", str(total - 1))
    expect(page.locator('[data-fc="message"]')).to_contain_text("Imported progress for 1 question")
    assert saved(page)["cards"][cards[0]["id"]]["state"] == 2

    page.reload()
    expect(count(page)).to_have_attribute("data-count", str(total - 1))
    assert_clean(page_log, site_url)


def test_reset_can_be_cancelled_and_bad_imports_are_refused(
    page: Page, site_url: str, page_log: Any, cards: list[dict], tmp_path: Path
) -> None:
    open_flashcards(page, site_url, len(cards))
    page.keyboard.press("Space")
    page.keyboard.press("4")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click('[data-fc="reset"]')
    expect(count(page)).to_have_attribute("data-count", str(len(cards) - 1))

    bad = tmp_path / "notes.json"
    bad.write_text('{"cards": []}', encoding="utf-8")
    page.set_input_files('[data-fc="import-file"]', str(bad))
    expect(page.locator('[data-fc="message"]')).to_contain_text("Could not import notes.json: not a progress file")
    assert len(saved(page)["cards"]) == 1
    assert_clean(page_log, site_url)


def test_missing_card_data_is_explained_not_thrown(page: Page, site_url: str, page_log: Any) -> None:
    page.route("**/downloads/cards.json", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + "flashcards/")
    expect(question(page)).to_contain_text("Could not load the cards from /downloads/cards.json (HTTP 404)")
    expect(page.locator(".sg-fc__controls")).to_be_hidden()
    assert page_log.page_errors == []
