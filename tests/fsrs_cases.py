"""Rating sequences and their schedules by py-fsrs: the reference the site's scheduler must match.

Each review is (grade 1–4, minutes after the previous review). Both libraries (fsrs 6.3.2 on
PyPI, ts-fsrs 5.4.2 vendored in the site) implement FSRS-6 with the same 21 default
parameters and the same learning steps (1 and 10 minutes, relearning 10 minutes); fuzz is
off in both. They round differently on three paths, which these sequences leave out:
"Hard" during the first learning steps (py-fsrs 5.5 minutes, ts-fsrs 6), a card leaving
the learning steps after a day or more, and reviews a fraction of a day apart (py-fsrs counts
elapsed days in whole 24 hours, ts-fsrs in calendar days). Every grade appears in the new,
review and relearning states.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

SEQUENCES: list[dict] = [
    {"retention": 0.9, "reviews": [[3, 0], [3, 10], [3, 2880], [3, 8640], [1, 30240], [3, 10], [4, 4320]]},
    {"retention": 0.9, "reviews": [[1, 0], [3, 1], [3, 10], [2, 4320], [4, 10080], [1, 43200], [3, 10]]},
    {"retention": 0.9, "reviews": [[4, 0], [4, 28800], [3, 72000], [1, 144000], [2, 15], [3, 1440]]},
    {"retention": 0.8, "reviews": [[3, 0], [3, 10], [3, 1440], [2, 7200], [3, 1440], [1, 20160], [1, 10], [3, 10], [3, 2880]]},
    {"retention": 0.95, "reviews": [[1, 2], [3, 10], [4, 2880], [4, 43200]]},
]


def reference_schedules() -> list[list[dict]]:
    """For each sequence, the card after each review: due (ISO, UTC), stability, difficulty, state."""
    from fsrs import Card, Rating, Scheduler

    schedules = []
    for sequence in SEQUENCES:
        scheduler = Scheduler(desired_retention=sequence["retention"], enable_fuzzing=False)
        card, now, steps = Card(card_id=1), START, []
        for grade, minutes in sequence["reviews"]:
            now += timedelta(minutes=minutes)
            card, _ = scheduler.review_card(card, Rating(grade), review_datetime=now)
            steps.append(
                {
                    "due": card.due.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
                    "stability": card.stability,
                    "difficulty": card.difficulty,
                    "state": int(card.state),
                }
            )
        schedules.append(steps)
    return schedules
