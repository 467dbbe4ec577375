"""The vendored ts-fsrs and py-fsrs are the same scheduler: same version of FSRS, same defaults.

The browser half (tests/browser/test_fsrs_parity_browser.py) replays `fsrs_cases` through the
site's own code and compares every due date, stability and difficulty.
"""

from __future__ import annotations

import re

from fsrs.scheduler import DEFAULT_PARAMETERS
from fsrs_cases import SEQUENCES, reference_schedules
from helpers import ROOT

VENDORED = ROOT / "scripts" / "studyguide" / "assets" / "vendor" / "ts-fsrs"


def vendored_default_parameters() -> list[float]:
    source = (VENDORED / "ts-fsrs.umd.js").read_text(encoding="utf-8")
    block = re.search(r"const default_w = Object\.freeze\(\[(.*?)\]\);", source, re.DOTALL)
    assert block, "ts-fsrs's default parameters not found: was the vendored build replaced?"
    decay = float(re.search(r"const FSRS6_DEFAULT_DECAY = ([\d.]+);", source).group(1))
    return [decay if item.strip() == "FSRS6_DEFAULT_DECAY" else float(item) for item in block.group(1).split(",")]


def test_both_libraries_run_fsrs6_with_the_same_default_parameters() -> None:
    assert "FSRS-6" in (VENDORED / "VERSION").read_text(encoding="utf-8")
    assert vendored_default_parameters() == list(DEFAULT_PARAMETERS)
    assert len(DEFAULT_PARAMETERS) == 21  # FSRS-6; FSRS-5 had 19


def test_vendored_build_keeps_its_licence_and_requests_nothing() -> None:
    assert "MIT License" in (VENDORED / "LICENSE").read_text(encoding="utf-8")
    source = (VENDORED / "ts-fsrs.umd.js").read_text(encoding="utf-8")
    assert "sourceMappingURL" not in source  # the map is not shipped: no 404 in the console
    assert not re.search(r"\b(fetch|XMLHttpRequest|importScripts)\s*\(", source)


def test_reference_schedules_cover_every_grade_and_state() -> None:
    schedules = reference_schedules()
    assert len(schedules) == len(SEQUENCES)
    grades = {grade for sequence in SEQUENCES for grade, _ in sequence["reviews"]}
    states = {step["state"] for steps in schedules for step in steps}
    assert grades == {1, 2, 3, 4} and states == {1, 2, 3}
