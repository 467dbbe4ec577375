"""What the search box's status filter needs from a build of the fixture guide (tests/fixtures/mini).

Each question page carries its id as a hidden Pagefind filter (the box matches results against
the learner's progress by it); other pages carry none; the box's configuration names the
guide whose progress it reads and the status badges' words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import FIXTURES, make_project, mkdocs_build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("mini-status")
    project = make_project(tmp, FIXTURES / "mini")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


def test_question_pages_carry_their_id_for_the_status_filter(site: Path) -> None:
    for qid in ("overfitting", "roc-auc"):
        page = (site / "questions" / qid / "index.html").read_text(encoding="utf-8")
        assert page.count(f'data-pagefind-filter="question:{qid}"') == 1
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="question:' not in glossary
    # In the index: a filter of its own, next to topic and difficulty.
    assert len(list((site / "pagefind" / "filter").iterdir())) == 3


def test_the_box_knows_whose_progress_to_read_and_its_words(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'class="sg-search-config">(.*?)</script>', home, re.S).group(1))
    study = json.loads(
        re.search(r"data-study='(.*?)'", home).group(1).replace("&#39;", "'").replace("&lt;", "<").replace("&amp;", "&")
    )
    assert config["progress"]["guide"] == study["guide"]  # the key flashcards.js saves progress under
    assert config["progress"]["filter"] == "question"
    assert config["progress"]["labels"] == {"new": "new", "due": "due", "known": "known"}
    assert config["strings"]["status"] and config["strings"]["all_statuses"]


def test_a_filter_alone_lists_questions_only_in_a_guide_small_enough_to_fetch_whole() -> None:
    from types import SimpleNamespace

    from studyguide import search
    from studyguide.strings import load

    def box_config(questions: int) -> dict:
        config = SimpleNamespace(theme=SimpleNamespace(dirs=[], custom_dir=None), plugins={}, extra={})
        guide = SimpleNamespace(questions=[object()] * questions, topics=[])
        search.add_to_config(config, load("en", {}), guide)
        return config.extra["studyguide_search"]

    assert box_config(search.BROWSE_LIMIT)["browse"] is True
    assert box_config(search.BROWSE_LIMIT + 1)["browse"] is False
