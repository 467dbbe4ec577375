"""The study scripts show only catalogue words: every `t("key")` they call is a `study_` string,
every `study_` string is used, and the words reach the page with the guide's changes."""

from __future__ import annotations

import html
import json
import re

from helpers import FIXTURES, SCRIPTS
from studyguide import strings, study
from studyguide.loader import load_guide
from studyguide.render import SiteOptions, render_pages

JS = SCRIPTS / "studyguide" / "assets" / "js"
_CALL = re.compile(r"""\bt\(\s*["'`](\w+)["'`]""")
_TEMPLATED = re.compile(r"""\bt\(\s*`(\w+)\$\{""")


def _script_keys() -> tuple[set[str], set[str]]:
    full, prefixes = set(), set()
    for path in JS.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        full |= set(_CALL.findall(text))
        prefixes |= set(_TEMPLATED.findall(text))
        # GRADES names the four grade strings; the script calls t(name) for each.
        if "GRADES" in text:
            full |= set(study.GRADES)
    for path in (SCRIPTS / "studyguide" / "templates").glob("*.j2"):  # and templates may show them too
        full |= set(re.findall(r"\bt\.study_(\w+)", path.read_text(encoding="utf-8")))
    return full, prefixes


def test_every_word_the_scripts_show_is_in_the_catalogue() -> None:
    catalogue = {key.removeprefix("study_") for key in strings.load() if key.startswith("study_")}
    full, prefixes = _script_keys()
    assert full - catalogue == set()
    unused = {key for key in catalogue if key not in full and not any(key.startswith(p) for p in prefixes)}
    assert unused == set()


def test_the_page_carries_the_guides_words_and_identity() -> None:
    guide = load_guide(FIXTURES / "mini")
    options = SiteOptions(guide_id="my-guide", strings=strings.load(overrides={"study_good": "Gut <ok>"}))
    page = render_pages(guide, options)["questions/overfitting.md"]
    block = re.search(r"<div id=\"sg-study\" data-study='([^']*)' hidden></div>", page)
    assert block, "question pages carry the study block"
    data = json.loads(html.unescape(block.group(1)))
    assert data["guide"] == "my-guide" and data["strings"]["good"] == "Gut <ok>"


def test_reading_pages_carry_only_the_words_they_use() -> None:
    catalogue = strings.load()
    assert all(f"study_{key}" in catalogue for key in study.PAGE_STRINGS)
    light = study.study_block(SiteOptions())
    assert len(light) < 2000 < len(study.study_block(SiteOptions(), every_string=True))
