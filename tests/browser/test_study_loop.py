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


def open_flashcards(page: Page, site_url: str) -> None:
    page.goto(site_url + "flashcards/")
    ready(page)


def ready(page: Page) -> None:
    """Wait for the cards: keys pressed while they load do nothing."""
    expect(page.locator('[data-fc="count"][data-count]')).to_have_count(1)


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
    open_flashcards(page, site_url)
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
    open_flashcards(page, site_url)
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
    ready(page)
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
    open_flashcards(page, site_url)
    page.keyboard.press("Space")
    page.keyboard.press("1")  # Again: back in a minute
    progress = saved(page)
    entry = progress["cards"][cards[0]["id"]]
    assert entry["answer"] == cards[0]["answer_hash"]
    entry["answer"] = "000000000000"  # as if reviewed before the author edited the answer
    entry["due"] = "2000-01-01T00:00:00.000Z"
    page.evaluate(f"localStorage.setItem({KEY!r}, {json.dumps(json.dumps(progress))})")
    page.reload()
    ready(page)
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
        open_flashcards(page, site_url)
        page.keyboard.press("Space")
        expect(grade_button(page, "Good")).to_be_visible()
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE)
    finally:
        context.close()
    assert violations == [], f"flashcards ({scheme}):\n" + "\n".join(violations)


def test_self_test_hides_the_answer_until_shown_then_grades(page: Page, site_url: str, cards: list[dict]) -> None:
    card = cards[0]
    page.goto(site_url + card["url"])
    summary = page.locator("article .admonition.abstract")
    expect(summary).to_be_visible()  # off by default: the page reads as always
    page.get_by_label("Answer it yourself first").check()
    expect(summary).to_be_hidden()
    expect(page.locator("article h2", has_text="Key points")).to_be_hidden()
    page.reload()  # the mode is remembered
    expect(summary).to_be_hidden()
    page.keyboard.press("Space")
    expect(summary).to_be_visible()
    expect(grade_button(page, "Good").locator(".sg-grade__interval")).to_have_text("10 min")
    page.keyboard.press("4")
    expect(page.locator(".sg-selftest__message")).to_have_text("Graded Easy: next review in 8 days.")
    entry = saved(page)["cards"][card["id"]]
    assert entry["state"] == 2 and entry["answer"] == card["answer_hash"]
    expect(page.locator(f'.sg-meta .sg-status[data-question="{card["id"]}"]')).to_have_text("known")
    # The flashcards see the same progress: that card is no longer due.
    page.goto(site_url + "flashcards/")
    expect(page.locator('[data-fc="count"]')).to_have_attribute("data-count", str(len(cards) - 1))


def test_home_and_topic_pages_count_progress_and_continue(page: Page, site_url: str, cards: list[dict]) -> None:
    page.goto(site_url)
    overall = page.locator('div.sg-progress[data-topic=""] [data-counts]')
    expect(overall).to_have_text(f"0 known · 0 due today · {len(cards)} new")
    expect(page.locator("a[data-continue]")).to_have_attribute("data-continue", cards[0]["id"])
    open_flashcards(page, site_url)
    page.keyboard.press("Space")
    page.keyboard.press("4")  # known
    page.keyboard.press("Space")
    page.keyboard.press("1")  # due again today
    page.goto(site_url)
    expect(overall).to_have_text(f"1 known · 1 due today · {len(cards) - 2} new")
    # Continue: the next due card before any unseen one.
    continue_link = page.locator("a[data-continue]")
    expect(continue_link).to_have_text(f"Continue: {cards[1]['title']}")
    topic = cards[0]["topics"][0]
    in_topic = [c for c in cards if topic in c["topics"]]
    row = page.locator(f'td .sg-progress[data-topic="{topic}"]')
    known = sum(c["id"] == cards[0]["id"] for c in in_topic)
    due = sum(c["id"] == cards[1]["id"] for c in in_topic)
    expect(row).to_have_text(f"{known} known · {due} due today · {len(in_topic) - known - due} new")
    continue_link.click()
    expect(page).to_have_url(site_url + cards[1]["url"])
    page.goto(site_url + f"topics/{topic}/")
    expect(page.locator("div.sg-progress [data-counts]")).to_have_text(
        f"{known} known · {due} due today · {len(in_topic) - known - due} new"
    )


def test_a_mock_interview_of_three_questions(page: Page, site_url: str, cards: list[dict]) -> None:
    page.goto(site_url + "mock-interview/")
    page.get_by_label("Questions", exact=True).fill("3")
    page.get_by_label("Minutes per question").fill("0.05")  # three seconds
    page.get_by_role("button", name="Start the mock interview").click()
    titles = {c["title"]: c for c in cards}
    timer = page.locator('[data-mock="timer"]')
    for number in range(1, 4):
        expect(page.locator('[data-mock="progress"]')).to_have_text(f"Question {number} of 3")
        expect(timer).to_contain_text("left")
        page.locator('[data-mock="notes"]').fill("my notes")
        if number == 1:
            expect(timer).to_have_text("Time's up.", timeout=8000)  # the countdown reveals the answer
        else:
            page.get_by_role("button", name="Show the model answer").click()
        expect(page.locator(".sg-mock__model")).to_contain_text("Model answer")
        assert page.locator('[data-mock="title"]').inner_text() in titles
        grade_button(page, ["Again", "Good", "Hard"][number - 1]).click()
    summary = page.locator('[data-mock="summary"]')
    expect(summary.locator("h2")).to_have_text("Your mock interview")
    expect(summary.locator("tr[data-grade]")).to_have_count(3)
    expect(summary.locator(".sg-mock__weak li")).to_have_count(2)  # Again and Hard
    progress = saved(page)
    assert len(progress["cards"]) == 3 and sorted(row[2] for row in progress["log"]) == [1, 2, 3]


def test_mock_interview_works_with_the_keyboard_alone(page: Page, site_url: str) -> None:
    page.goto(site_url + "mock-interview/")
    page.get_by_label("Questions", exact=True).fill("1")
    page.get_by_role("button", name="Start the mock interview").focus()
    page.keyboard.press("Enter")
    expect(page.locator('[data-mock="progress"]')).to_have_text("Question 1 of 1")
    page.keyboard.press("Space")  # the title has focus: Space shows the answer
    expect(page.locator(".sg-mock__model")).to_be_visible()
    page.keyboard.press("Enter")  # Good has focus
    expect(page.locator('[data-mock="summary"] h2')).to_be_focused()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_mock_interview(browser: Browser, site_url: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + "mock-interview/")
        page.get_by_label("Questions", exact=True).fill("1")
        page.get_by_role("button", name="Start the mock interview").click()
        page.get_by_role("button", name="Show the model answer").click()
        expect(grade_button(page, "Good")).to_be_visible()
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE)
    finally:
        context.close()
    assert violations == [], f"mock interview ({scheme}):\n" + "\n".join(violations)


def test_review_log_csv_and_personal_parameters(page: Page, site_url: str, cards: list[dict], tmp_path: Any) -> None:
    open_flashcards(page, site_url)
    page.keyboard.press("Space")
    page.keyboard.press("3")
    page.keyboard.press("Space")
    page.keyboard.press("1")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export review log (CSV)").click()
    csv = tmp_path / "revlog.csv"
    info.value.save_as(csv)
    lines = csv.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "card_id,review_time,review_rating,review_state,review_duration"
    rows = [line.split(",") for line in lines[1:]]
    assert [row[2] for row in rows] == ["3", "1"] and [row[3] for row in rows] == ["0", "0"]
    assert all(row[0].isdigit() and row[1].isdigit() for row in rows) and rows[0][0] != rows[1][0]

    # Optimized parameters (here: the defaults with a slower forgetting curve) change the schedule.
    params = tmp_path / "params.txt"
    values = [0.212, 1.2931, 2.3065, 20.0, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796]
    values += [1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542]
    params.write_text(", ".join(map(str, values)), encoding="utf-8")
    page.set_input_files('[data-fc="params-file"]', str(params))
    expect(page.locator('[data-fc="message"]')).to_contain_text("Imported 21 FSRS parameters")
    page.evaluate("document.activeElement.blur()")  # Space on the focused export button would press it
    page.keyboard.press("Space")
    expect(grade_button(page, "Easy").locator(".sg-grade__interval")).to_have_text("20 days")
    bad = tmp_path / "bad.txt"
    bad.write_text("1, 2, 3", encoding="utf-8")
    page.set_input_files('[data-fc="params-file"]', str(bad))
    expect(page.locator('[data-fc="message"]')).to_contain_text("Could not import bad.txt")
    assert saved(page)["settings"]["parameters"] == values


def test_print_my_weak_cards(page: Page, site_url: str, cards: list[dict]) -> None:
    open_flashcards(page, site_url)
    page.keyboard.press("Space")
    page.keyboard.press("4")  # known: not weak
    page.keyboard.press("Space")
    page.keyboard.press("2")  # Hard: weak
    page.evaluate("window.print = () => {}")  # the dialog itself is the browser's
    page.get_by_role("button", name="Print my weak cards").click()
    page.emulate_media(media="print")
    sheet = page.locator(".sg-weak")
    expect(sheet).to_be_visible()
    expect(sheet.locator("h1")).to_have_text("Weak cards: 1")
    expect(sheet.locator("h2")).to_have_text([cards[1]["title"]])
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".sg-fc")).to_be_hidden()
