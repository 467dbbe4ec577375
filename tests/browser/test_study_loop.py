"""The study loop in real Chromium: four FSRS grades with their intervals, undo, retention,
Leitner progress carried over, changed answers, the phone layout and axe in both schemes.

These run on this repository's guide (its guide id `ml-interview-guide` names the saved progress).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from test_accessibility import AXE, RUN_AXE

pytestmark = pytest.mark.slow

KEY = "sg-study-v2:ml-interview-guide"
LEGACY_KEY = "sg-progress-v1:/"


@pytest.fixture(scope="module")
def cards(built_site: Any) -> list[dict]:
    return json.loads((built_site / "downloads" / "cards.json").read_text(encoding="utf-8"))["cards"]


def saved(page: Page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({KEY!r})") or '{"cards": {}, "log": []}')


def grade_button(page: Page, name: str) -> Any:
    return page.locator(".sg-grades .sg-grade", has_text=name)


def test_four_grades_show_their_intervals_and_each_one_grades(page: Page, site_url: str, cards: list[dict]) -> None:
    page.goto(site_url + "flashcards/")
    count = page.locator('[data-fc="count"]')
    expect(count).to_have_attribute("data-count", str(len(cards)))
    page.get_by_role("button", name="Show answer").click()
    # A new card: FSRS-6's learning steps for Again, Hard and Good, days for Easy.
    expected = {"Again": "1 min", "Hard": "6 min", "Good": "10 min", "Easy": "8 days"}
    for name, interval in expected.items():
        expect(grade_button(page, name)).to_be_visible()
        expect(grade_button(page, name).locator(".sg-grade__interval")).to_have_text(interval)

    for number, name in enumerate(["Again", "Hard", "Good", "Easy"], start=1):
        card = cards[number - 1] if number < 4 else None
        grade_button(page, name).click()
        log = saved(page)["log"]
        assert log[-1][2] == number, f"{name} saved grade {log[-1][2]}"
        if card:
            assert log[-1][0] == card["id"]
        page.get_by_role("button", name="Show answer").click()
    # Again, Hard and Good keep a new card in today's steps; Easy schedules it in days.
    progress = saved(page)
    assert {progress["cards"][c["id"]]["state"] for c in cards[:3]} == {1}
    assert len(progress["log"]) == 4
    page.reload()
    # After a reload only due and new cards are dealt: the three in their steps wait for them to end.
    expect(count).to_have_attribute("data-count", str(len(cards) - 4))


def test_undo_takes_back_the_last_grade(page: Page, site_url: str, cards: list[dict]) -> None:
    page.goto(site_url + "flashcards/")
    page.keyboard.press("Space")
    page.keyboard.press("4")
    expect(page.locator('[data-fc="question"]')).to_have_text(cards[1]["title"])
    assert cards[0]["id"] in saved(page)["cards"]
    page.get_by_role("button", name="Undo last grade").click()
    expect(page.locator('[data-fc="question"]')).to_have_text(cards[0]["title"])
    expect(grade_button(page, "Good")).to_be_visible()  # the card is back, answer shown, to grade again
    assert saved(page)["cards"] == {} and saved(page)["log"] == []
    page.keyboard.press("3")
    assert saved(page)["cards"][cards[0]["id"]]["state"] == 1


def test_desired_retention_changes_the_intervals(page: Page, site_url: str, cards: list[dict]) -> None:
    page.goto(site_url + "flashcards/")
    page.keyboard.press("Space")
    easy = grade_button(page, "Easy").locator(".sg-grade__interval")
    expect(easy).to_have_text("8 days")
    page.fill('[data-fc="retention"]', "0.97")
    page.locator('[data-fc="retention"]').dispatch_event("change")
    expect(easy).to_have_text("2 days")  # remembering more surely means seeing the card sooner
    page.reload()
    expect(page.locator('[data-fc="retention"]')).to_have_value("0.97")
    assert saved(page)["settings"]["retention"] == 0.97


def test_leitner_progress_is_carried_over(page: Page, site_url: str, cards: list[dict]) -> None:
    page.goto(site_url + "flashcards/")
    legacy = {
        "format": "sg-progress",
        "version": 1,
        "cards": {
            cards[0]["id"]: {"box": 4, "due": "2099-01-08T00:00:00.000Z", "last": "2099-01-01T10:00:00.000Z", "reviews": 3},
            cards[1]["id"]: {"box": 1, "due": "2000-01-01T00:00:00.000Z", "last": "2000-01-01T00:00:00.000Z", "reviews": 2},
        },
    }
    page.evaluate(f"localStorage.setItem({LEGACY_KEY!r}, {json.dumps(json.dumps(legacy))})")
    page.reload()
    # The box-4 card is known and not due: it left the session; the box-1 card is due.
    expect(page.locator('[data-fc="count"]')).to_have_attribute("data-count", str(len(cards) - 1))
    expect(page.locator('[data-fc="question"]')).to_have_text(cards[1]["title"])
    progress = saved(page)
    known = progress["cards"][cards[0]["id"]]
    assert known["state"] == 2 and known["due"] == "2099-01-08T00:00:00.000Z" and known["stability"] == 7
    assert progress["cards"][cards[1]["id"]]["state"] == 3  # relearning
    page.keyboard.press("Space")
    expect(grade_button(page, "Good").locator(".sg-grade__interval")).not_to_have_text("")
    page.goto(site_url + cards[0]["url"])
    expect(page.locator(f'.sg-meta .sg-status[data-question="{cards[0]["id"]}"]')).to_have_text("known")


def test_a_changed_answer_is_pointed_out(page: Page, site_url: str, cards: list[dict]) -> None:
    page.goto(site_url + "flashcards/")
    page.keyboard.press("Space")
    page.keyboard.press("1")  # Again: back in a minute
    progress = saved(page)
    entry = progress["cards"][cards[0]["id"]]
    assert entry["answer"] == cards[0]["answer_hash"]
    entry["answer"] = "000000000000"  # as if reviewed before the author edited the answer
    entry["due"] = "2000-01-01T00:00:00.000Z"
    page.evaluate(f"localStorage.setItem({KEY!r}, {json.dumps(json.dumps(progress))})")
    page.reload()
    page.keyboard.press("Space")
    expect(page.locator('[data-fc="changed"]')).to_have_text("This answer has changed since your last review.")


def test_phone_grades_are_on_screen_after_reveal_without_scrolling(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(site_url + "flashcards/")
        page.get_by_role("button", name="Show answer").tap()
        for name in ("Again", "Hard", "Good", "Easy"):
            box = grade_button(page, name).bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844, f"{name} is off screen: {box}"
            assert box["height"] >= 40, f"{name} is too small to tap: {box}"
        # No keyboard hints on a touch screen.
        expect(page.locator(".sg-grades kbd").first).to_be_hidden()
        grade_button(page, "Easy").tap()
        expect(page.locator(".sg-grades")).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_flashcards_with_the_answer_shown(browser: Browser, site_url: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + "flashcards/")
        page.keyboard.press("Space")
        expect(grade_button(page, "Good")).to_be_visible()
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE)
    finally:
        context.close()
    assert violations == [], f"flashcards ({scheme}):\n" + "\n".join(violations)
