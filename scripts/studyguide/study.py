"""What the study script (assets/js/flashcards.js) needs from a page: the guide and its words.

The script keeps a learner's progress per guide (`SiteOptions.identity`) and question id, and
shows only words from the UI-string catalogue: every `study_*` string reaches it through a JSON
block on the page, so a guide's `extra.strings` and a translated catalogue change the script's
words too. The FSRS scheduler (vendored ts-fsrs) is loaded by the script only where a card is
graded, so pages that only show progress stay light.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # render imports this module
    from .model import Question
    from .render import SiteOptions

STRING_PREFIX = "study_"
BLOCK_ID = "sg-study"
GRADES = ("again", "hard", "good", "easy")
"""FSRS ratings 1–4, in the order of their buttons and keys."""


PAGE_STRINGS = (
    *GRADES,
    *("grade_label", "show_answer", "undo", "undone", "graded", "storage_refused", "selftest_toggle", "selftest_prompt"),
    *("minutes", "hours", "days_one", "days_many", "months", "years", "counts", "continue"),
    *("status_new", "status_due", "status_learning", "status_known", "status_title"),
    *("grading_loading", "grading_failed", "hint_reload"),
)
"""The words reading pages need (badges, counts, Continue, self-test); the flashcards and mock
exam pages carry every `study_` string."""


def study_block(options: SiteOptions, *, every_string: bool = False) -> str:
    """`<div id="sg-study" data-study='{JSON}' hidden>`: the guide's identity and the script's words.

    An attribute rather than a `<script type="application/json">`: Material's instant
    navigation re-runs every script element of the new page, whatever its type. Single
    quotes, so the JSON's many double quotes stay one byte each (`&`, `'` and `<` are escaped).
    """
    wanted = None if every_string else {STRING_PREFIX + key for key in PAGE_STRINGS}
    strings = {
        key[len(STRING_PREFIX) :]: value
        for key, value in options.strings.items()
        if key.startswith(STRING_PREFIX) and (wanted is None or key in wanted)
    }
    data = {"guide": options.identity, "strings": strings}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    quoted = text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;")
    return f"<div id=\"{BLOCK_ID}\" data-study='{quoted}' hidden></div>"


def answer_hash(q: Question) -> str:
    """A short digest of what a card shows as the answer: a learner is told when it changed since a review."""
    text = "\x00".join([q.summary, q.answer, *q.key_points])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
