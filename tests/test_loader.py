"""Loading and validation: every kind of problem is reported with its file, line and a fix."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from helpers import FIXTURES
from studyguide.errors import GuideError
from studyguide.loader import Limits, load_guide
from studyguide.render import SiteOptions
from studyguide.siteconfig import site_options

VALID = """\
id: {id}
title: {title}
topics: [basics]
difficulty: beginner
summary: A short answer.
answer: |
  A longer answer.
key_points:
  - One point.
related: []
"""


@pytest.fixture
def qdir(tmp_path: Path) -> Path:
    """A copy of the mini guide that a test can break."""
    target = tmp_path / "questions"
    shutil.copytree(FIXTURES / "mini", target)
    shutil.copy(Path(__file__).resolve().parents[1] / "questions" / "_schema.json", target / "_schema.json")
    return target


def write(qdir: Path, name: str, text: str) -> Path:
    path = qdir / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(qdir: Path, **limits: int) -> list[str]:
    with pytest.raises(GuideError) as caught:
        load_guide(qdir, Limits(**limits))
    return [str(p) for p in caught.value.problems]


def only(qdir: Path, **limits: int) -> str:
    found = problems(qdir, **limits)
    assert len(found) == 1, found
    return found[0]


def test_mini_guide_loads_in_reading_order(qdir: Path) -> None:
    guide = load_guide(qdir)
    assert [q.id for q in guide.questions] == ["overfitting", "regularization", "precision-recall", "roc-auc"]
    assert [t.id for t in guide.topics] == ["basics", "metrics"]
    overfitting = guide.question("overfitting")
    assert overfitting.title == "What is overfitting?"
    assert overfitting.related == ("regularization",)
    assert overfitting.references[0].url == "https://en.wikipedia.org/wiki/Overfitting"
    assert [e.term for e in guide.glossary][:2] == ["Overfitting", "AUC"]


def test_yaml_syntax_error_has_line(qdir: Path) -> None:
    path = write(qdir, "broken.yml", "id: broken\ntitle: [unclosed\ntopics: [basics]\n")
    message = only(qdir)
    assert message.startswith(f"{path}:")
    assert "YAML syntax error" in message


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        # A colon in a list item's value (the glossary reads the same way).
        ("- term: Bias: variance\n  definition: x\n", 1, '- term: "Bias: variance"'),
        # A value ending in a colon, with a comment after it.
        ("- term: Why this: # odd\n  definition: x\n", 1, '- term: "Why this:"'),
        # Block text not indented under a key of a list item.
        ("- term: X\n  definition: >-\n  The text.\n", 3, 'not indented under "definition: >-" (line 2)'),
        # The block's first line indented, a later one not: that later line is named.
        (
            "- term: X\n  definition: |\n    One.\n\n  Two.\n",
            5,
            'indent it, and the rest of the text, by two spaces under "definition:"',
        ),
        # A quote left open in a list item runs into the next item.
        ('- term: X\n  aliases:\n    - "ex\n    - "why"\n  definition: y\n', 3, 'the " opened on this line is not closed'),
        ("- term: 'X\n  definition: y\n", 1, "the ' opened on this line is never closed"),
    ],
)
def test_common_yaml_mistakes_name_the_line_to_edit(qdir: Path, text: str, line: int, expected: str) -> None:
    path = write(qdir, "_glossary.yml", text)
    message = only(qdir)
    assert message.startswith(f"{path}:{line}: YAML syntax error: ") and expected in message, message


def test_unindented_block_line_with_a_colon_in_the_glossary(qdir: Path) -> None:
    path = write(qdir, "_glossary.yml", "- term: Bias\n  definition: >-\n  Error: from wrong assumptions.\n")
    assert only(qdir) == (
        f'{path}:3: this line is not indented under "definition:" (line 2), so YAML reads it as a field of its own '
        'and the text as empty: indent it, and the rest of the text, by two spaces under "definition:"'
    )


@pytest.mark.parametrize(
    ("definition", "expected"),
    [
        ("See [[overfiting]].", 'link [[overfiting]] names unknown question "overfiting" (did you mean "overfitting"?)'),
        ("See [[[overfitting]].", 'link [[[overfitting]] names unknown question "[overfitting" (did you mean "overfitting"?)'),
    ],
)
def test_a_definitions_link_to_no_question_is_a_problem_not_a_crash(qdir: Path, definition: str, expected: str) -> None:
    """The term's popover names a linked question by its title: an unknown id is the author's to fix."""
    path = write(qdir, "_glossary.yml", f"- term: Bias\n  definition: {definition}\n")
    assert only(qdir) == f"{path}:2: {expected}"


def test_a_definitions_bad_link_is_named_on_its_own_line(qdir: Path) -> None:
    path = write(qdir, "_glossary.yml", "- term: Bias\n  definition: |\n    Error from wrong assumptions.\n\n    See [[nope]].\n")
    assert only(qdir) == f'{path}:5: link [[nope]] names unknown question "nope"'


def test_empty_block_followed_by_a_real_field_is_still_empty(qdir: Path) -> None:
    path = write(qdir, "empty.yml", VALID.format(id="empty", title="Empty?").replace("summary: A short answer.", "summary: |"))
    assert only(qdir) == f'{path}:5: "summary" is empty: write some text or remove the field'


def test_multi_line_quoted_value_is_not_mistaken_for_an_unclosed_quote(qdir: Path) -> None:
    write(qdir, "multi.yml", VALID.format(id="multi", title='"What is\n  overfitting, really?"'))
    assert load_guide(qdir).question("multi").title == "What is overfitting, really?"


def test_tab_indentation_says_use_spaces(qdir: Path) -> None:
    write(qdir, "tabbed.yml", "id: tabbed\nkey_points:\n\t- one\n")
    assert "indent with spaces" in only(qdir)


def test_duplicate_key_is_data_loss(qdir: Path) -> None:
    path = write(qdir, "dup.yml", VALID.format(id="dup", title="Dup?") + "summary: Again.\n")
    assert only(qdir) == f'{path}:11: duplicate key "summary" (first defined on line 5): keep one'


def test_not_utf8(qdir: Path) -> None:
    path = qdir / "latin.yml"
    path.write_bytes(VALID.format(id="latin", title="Caf\xe9?").encode("latin-1"))
    assert only(qdir) == f"{path}:2: not UTF-8 (byte 0xe9): save the file as UTF-8"


def test_empty_file(qdir: Path) -> None:
    path = write(qdir, "empty.yml", "# only a comment\n\n")
    assert only(qdir) == f"{path}:1: file is empty: write the question's fields or delete the file"


def test_top_level_must_be_mapping(qdir: Path) -> None:
    path = write(qdir, "listy.yml", "- id: listy\n- title: x\n")
    assert only(qdir) == f"{path}:1: the top level must be a mapping of fields (key: value), found a list"


def test_missing_field(qdir: Path) -> None:
    path = write(
        qdir, "nosummary.yml", VALID.format(id="nosummary", title="No summary?").replace("summary: A short answer.\n", "")
    )
    assert only(qdir) == f'{path}:1: missing required field "summary"'


def test_unknown_field_suggests_the_right_one(qdir: Path) -> None:
    path = write(qdir, "typo.yml", VALID.format(id="typo", title="Typo?") + "keypoints: [x]\n")
    assert only(qdir) == f'{path}:11: unknown field "keypoints" (did you mean "key_points"?)'


def test_wrong_type(qdir: Path) -> None:
    path = write(qdir, "typed.yml", VALID.format(id="typed", title="Typed?").replace("topics: [basics]", "topics: basics"))
    assert only(qdir) == f'{path}:3: "topics" must be a list, found a string'


def test_empty_string(qdir: Path) -> None:
    path = write(qdir, "blank.yml", VALID.format(id="blank", title="Blank?").replace("summary: A short answer.", 'summary: "  "'))
    assert only(qdir) == f'{path}:5: "summary" is empty: write some text or remove the field'


def test_id_not_a_slug(qdir: Path) -> None:
    path = write(qdir, "Bad_Id.yml", VALID.format(id="Bad_Id", title="Bad id?"))
    found = problems(qdir)
    assert f'{path}:1: "id" "Bad_Id" is not a slug (lowercase words joined by hyphens): e.g. "bad-id"' in found


def test_id_must_match_file_name(qdir: Path) -> None:
    path = write(qdir, "alpha.yml", VALID.format(id="beta", title="Alpha?"))
    assert only(qdir) == f'{path}:1: id "beta" does not match the file name: use "alpha" or rename the file'


def test_duplicate_title(qdir: Path) -> None:
    path = write(qdir, "again.yml", VALID.format(id="again", title="What is overfitting?"))
    first = qdir / "overfitting.yml"
    assert only(qdir) == f"{first}:3: duplicate title, also used by {path}: make the question titles distinct"


def test_unknown_topic_suggests(qdir: Path) -> None:
    path = write(qdir, "topical.yml", VALID.format(id="topical", title="Topical?").replace("[basics]", "[basic]"))
    assert only(qdir) == f'{path}:3: unknown topic "basic" (did you mean "basics"?): define it in _topics.yml'


def test_unknown_difficulty(qdir: Path) -> None:
    path = write(qdir, "hard.yml", VALID.format(id="hard", title="Hard?").replace("beginner", "beginer"))
    message = only(qdir)
    assert message.startswith(f"{path}:4: \"difficulty\" is 'beginer', not one of: beginner, intermediate, advanced")
    assert message.endswith('(did you mean "beginner"?)')


def test_related_unknown_and_self(qdir: Path) -> None:
    path = write(
        qdir, "linky.yml", VALID.format(id="linky", title="Linky?").replace("related: []", "related: [linky, overfiting]")
    )
    assert problems(qdir) == [
        f'{path}:10: "related" lists the question itself ("linky"): remove it',
        f'{path}:10: "related" names unknown question "overfiting" (did you mean "overfitting"?)',
    ]


def test_related_items_on_their_own_lines(qdir: Path) -> None:
    text = VALID.format(id="listed", title="Listed?").replace("related: []", "related:\n  - overfitting\n  - nowhere")
    path = write(qdir, "listed.yml", text)
    assert only(qdir) == f'{path}:12: "related" names unknown question "nowhere"'


def test_anchor_and_alias_refused(qdir: Path) -> None:
    text = VALID.format(id="alias", title="Alias?").replace(
        "summary: A short answer.", "summary: &s A short answer.\nanswer2: *s"
    )
    path = write(qdir, "alias.yml", text)
    assert only(qdir) == f"{path}:5: YAML anchors and aliases (&name, *name) are not allowed: write the value out in full"


def test_unknown_inline_link_in_answer_has_its_line(qdir: Path) -> None:
    text = VALID.format(id="inline", title="Inline?").replace("  A longer answer.", "  First line.\n\n  See [[regularisation]].")
    path = write(qdir, "inline.yml", text)
    assert (
        only(qdir)
        == f'{path}:9: link [[regularisation]] names unknown question "regularisation" (did you mean "regularization"?)'
    )


def test_inline_link_deep_in_a_paragraph_has_its_own_line(qdir: Path) -> None:
    # Lines of one paragraph are read as one piece of prose; the link still reports its own line.
    answer = "  First line.\n\n  A paragraph\n  that runs on\n  to [[regularisation]] here.\n\n  ```python\n  x = 1\n  ```"
    text = VALID.format(id="deep", title="Deep?").replace("  A longer answer.", answer)
    path = write(qdir, "deep.yml", text)
    assert only(qdir).startswith(f"{path}:11: link [[regularisation]]")


def test_every_problem_in_one_run(qdir: Path) -> None:
    write(qdir, "one.yml", "id: one\ntitle: [\n")
    write(qdir, "two.yml", VALID.format(id="two", title="Two?").replace("beginner", "expert"))
    write(qdir, "three.yml", VALID.format(id="three", title="Three?").replace("related: []", "related: [ghost]"))
    found = problems(qdir)
    assert [Path(p.split(":")[0]).name for p in found] == ["one.yml", "three.yml", "two.yml"]


def test_metadata_files_are_not_questions(qdir: Path) -> None:
    write(qdir, "_notes.yml", "anything: goes\n")
    assert len(load_guide(qdir).questions) == 4


def test_yaml_extension_is_flagged(qdir: Path) -> None:
    path = write(qdir, "other.yaml", VALID.format(id="other", title="Other?"))
    assert only(qdir) == f'{path}:1: question files end in .yml: rename to "other.yml"'


def test_file_size_limit(qdir: Path) -> None:
    path = write(qdir, "big.yml", VALID.format(id="big", title="Big?") + "# " + "x" * 5000 + "\n")
    assert only(qdir, max_file_bytes=2000).startswith(f"{path}:1: file is 5,")


def test_question_count_limit(qdir: Path) -> None:
    assert "more than the limit of 2: raise it with --max-questions" in only(qdir, max_questions=2)


def test_bom_and_crlf_are_accepted(qdir: Path) -> None:
    text = VALID.format(id="windows", title="Windows?").replace("\n", "\r\n")
    (qdir / "windows.yml").write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert load_guide(qdir).question("windows").summary == "A short answer."


def test_mkdocs_yml_with_a_colon_in_site_name_is_one_problem(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Systems: a guide\n", encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        site_options(config)
    [problem] = caught.value.problems
    assert (problem.line, problem.message.endswith('put the value in quotes: site_name: "Systems: a guide"')) == (1, True)


def test_mkdocs_yml_tags_plain_yaml_does_not_know_are_left_to_mkdocs(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Guide\nextra_css: !relative x.css\n", encoding="utf-8")
    assert site_options(config) == SiteOptions()  # as before: not an error of ours
