"""The self-test's grade buttons come with the grading code (js/study-grading.js), loaded with the
scheduler when the self-test is on: while it loads, and if it cannot, the panel says so."""

from __future__ import annotations

from playwright.sync_api import Browser, Route, expect

QUESTION = "questions/overfitting/"


def _self_test_shown(browser: Browser, site_url: str, handle) -> tuple[object, object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/js/study-grading.js", handle)
    page.goto(site_url + QUESTION)
    page.get_by_label("Answer it yourself first").check()
    page.evaluate("document.activeElement.blur()")  # Space on the focused switch would turn it off
    page.keyboard.press("Space")
    return context, page


def test_a_slow_grading_script_shows_loading_then_the_buttons(browser: Browser, site_url: str) -> None:
    held: list[Route] = []  # the script's request, answered when the test says so
    context, page = _self_test_shown(browser, site_url, lambda route: held.append(route))
    try:
        message = page.locator(".sg-selftest__message")
        expect(message).to_have_text("Loading the grade buttons…")
        assert held
        held[0].continue_()
        good = page.locator(".sg-grade--good")
        expect(good.locator(".sg-grade__interval")).to_have_text("10 min", timeout=10_000)
        expect(message).to_have_text("")
        page.keyboard.press("3")
        expect(message).to_have_text("Graded Good: next review in 10 min.")
    finally:
        context.close()


def test_a_grading_script_that_cannot_load_is_said_with_what_to_do(browser: Browser, site_url: str) -> None:
    context, page = _self_test_shown(browser, site_url, lambda route: route.abort())
    try:
        message = page.locator(".sg-selftest__message")
        expect(message).to_contain_text("The grade buttons could not load (")
        expect(message).to_contain_text("Reload the page to try again.")
        expect(page.locator(".sg-grade")).to_have_count(0)
        page.keyboard.press("3")  # nothing to grade with: the key does nothing, and nothing breaks
        expect(message).to_contain_text("could not load")
    finally:
        context.close()
