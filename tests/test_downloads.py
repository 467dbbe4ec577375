"""What the site offers for download, and when a download is rebuilt."""

from __future__ import annotations

import dataclasses

from helpers import FIXTURES
from studyguide import downloads
from studyguide.loader import load_guide


def test_small_guides_offer_the_cheat_sheets_and_the_deck() -> None:
    guide = load_guide(FIXTURES / "mini")
    assert downloads.offered(guide) == ("cheatsheet.pdf", "cheatsheet-letter.pdf", downloads.DECK_FILE)


def test_huge_guides_offer_no_whole_guide_pdf() -> None:
    guide = load_guide(FIXTURES / "mini")
    template = guide.questions[0]
    many = tuple(
        dataclasses.replace(template, id=f"q-{i}", title=f"Question {i}?") for i in range(downloads.CHEATSHEET_MAX_QUESTIONS + 1)
    )
    assert downloads.offered(dataclasses.replace(guide, questions=many)) == (downloads.DECK_FILE,)
