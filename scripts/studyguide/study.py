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

from .text import attr

if TYPE_CHECKING:  # render imports this module
    from .model import Question
    from .render import SiteOptions

STRING_PREFIX = "study_"
BLOCK_ID = "sg-study"
GRADES = ("again", "hard", "good", "easy")
"""FSRS ratings 1–4, in the order of their buttons and keys."""


def study_block(options: SiteOptions) -> str:
    """`<div id="sg-study" data-study="{JSON}" hidden>`: the guide's identity and the script's words.

    An attribute rather than a `<script type="application/json">`: Material's instant
    navigation re-runs every script element of the new page, whatever its type.
    """
    strings = {key[len(STRING_PREFIX) :]: value for key, value in options.strings.items() if key.startswith(STRING_PREFIX)}
    data = {"guide": options.identity, "strings": strings}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f'<div id="{BLOCK_ID}" data-study="{attr(text)}" hidden></div>'


def answer_hash(q: Question) -> str:
    """A short digest of what a card shows as the answer: a learner is told when it changed since a review."""
    text = "\x00".join([q.summary, q.answer, *q.key_points])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
