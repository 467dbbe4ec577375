"""The mock exam page (docs/<slug of mock_title>.md: mock-exam/ by default): a pure function of the Guide.

The page holds the set-up form and the empty stages; assets/js/mock.js (loaded by
flashcards.js on this page only) deals the questions from downloads/cards.json.
"""

from __future__ import annotations

from . import study
from .flashcards import CARDS_PATH
from .model import DIFFICULTIES, Guide
from .render import SiteOptions, _environment, front_matter

DEFAULT_QUESTIONS = 5
DEFAULT_MINUTES = 3


def mock_exam_page(guide: Guide, options: SiteOptions = SiteOptions()) -> str:
    t = options.strings
    template = _environment().get_template("mock_exam.md.j2")
    return template.render(
        t=t,
        front_matter=front_matter(t["mock_title"], description=t["mock_description"]),
        cards_url="../" + CARDS_PATH,
        topics=[topic for topic in guide.topics if guide.questions_in(topic.id)],
        levels=[level for level in DIFFICULTIES if any(q.difficulty == level for q in guide.questions)],
        count=len(guide.questions),
        default_count=min(DEFAULT_QUESTIONS, len(guide.questions)),
        default_minutes=DEFAULT_MINUTES,
        study_block=study.study_block(options, every_string=True),
    )
