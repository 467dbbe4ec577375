"""Parity: the site's scheduler (its own code, with the vendored ts-fsrs) gives py-fsrs's schedule.

Each rating sequence of `fsrs_cases` is replayed in real Chromium through `sgStudy.review`,
the function the flashcards, self-test and mock interview grade with, at fixed times; every
due date, stability and difficulty must equal py-fsrs's.
"""

from __future__ import annotations

import pytest
from fsrs_cases import SEQUENCES, START, reference_schedules
from playwright.sync_api import Page

pytestmark = pytest.mark.slow

REPLAY = """async ({sequences, start}) => {
  await window.sgStudy.loadFsrs();
  const results = [];
  for (const [index, sequence] of sequences.entries()) {
    const progress = window.sgStudy.loadProgress();
    progress.settings.retention = sequence.retention;
    window.sgStudy.saveProgress(progress);
    const id = `parity-${index}`;
    let now = Date.parse(start);
    const steps = [];
    for (const [grade, minutes] of sequence.reviews) {
      now += minutes * 60000;
      const { entry } = window.sgStudy.review(id, grade, "", { now });
      steps.push({ due: entry.due.slice(0, 19), stability: entry.stability, difficulty: entry.difficulty, state: entry.state });
    }
    results.push(steps);
  }
  return results;
}"""


def test_site_scheduler_matches_py_fsrs(page: Page, site_url: str) -> None:
    page.goto(site_url + "flashcards/")
    replayed = page.evaluate(REPLAY, {"sequences": SEQUENCES, "start": START.isoformat()})
    expected = reference_schedules()
    for number, (ours, theirs) in enumerate(zip(replayed, expected, strict=True)):
        for step, (mine, ref) in enumerate(zip(ours, theirs, strict=True)):
            where = f"sequence {number}, review {step + 1}"
            assert mine["due"] == ref["due"], where
            assert mine["state"] == ref["state"], where
            # ts-fsrs rounds memory states to 8 decimals; py-fsrs keeps full floats.
            assert mine["stability"] == pytest.approx(ref["stability"], rel=1e-6, abs=1e-6), where
            assert mine["difficulty"] == pytest.approx(ref["difficulty"], rel=1e-6, abs=1e-6), where
