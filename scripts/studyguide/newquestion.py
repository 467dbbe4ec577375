"""`build_pages.py new "Question?" --topic ID`: start a question file.

Every field is present and commented so a contributor who knows the subject but not this project
can fill it in without reading the schema. The file is valid YAML that passes the schema as
written, so editors and the schema help while it is filled in; `check` refuses it until every
TODO is replaced (the loader's `_todo_problems`), so no placeholder reaches the site.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import guidedir
from .errors import GuideError
from .loader import load_guide
from .model import DIFFICULTIES
from .text import slugify, suggest

TEMPLATE = """\
# yaml-language-server: $schema=_schema.json
# New question: replace every TODO, then run `make check` and `make serve` to preview.
# Field reference: questions/_schema.json and CONTRIBUTING.md.

# Slug naming this question; must equal the file name without .yml.
id: {id}

# The question as it is asked, in sentence case.
title: {title}

# Topic ids from questions/_topics.yml; the first one places the question in the navigation.
topics: [{topic}]

# beginner | intermediate | advanced
difficulty: {difficulty}

# Short lowercase tags for ideas that cut across topics (letters, digits, hyphens).
tags: []

# The answer in one or two sentences, the way a strong candidate opens (feeds the cheat sheet).
summary: >-
  TODO: one or two sentences.

# The full answer in Markdown (150–450 words): short paragraphs, lists, tables,
# $inline$ and $$display$$ math, ```python code fences, and [[question-id]] links.
answer: |
  TODO: the idea, the formula where there is one, an example, the usual pitfalls.

# Three to five short takeaways (they feed the summary PDF); a formula goes in $math$.
key_points:
  - TODO

# Optional, for the two-page cheat sheet: the core formulas (LaTeX without $, each with a
# short label) and, for an "X vs Y" question, a comparison table. For example:
#   formulas:
#     - label: Short name
#       latex: 'a^2 + b^2 = c^2'
#   comparison:
#     columns: ['', X, Y]
#     rows:
#       - [Aspect, how X does it, how Y does it]
cheatsheet: {{}}

# Ids of other questions worth reading next (at least two).
related: []

# Questions that come next, each with a short model answer (2-5 sentences). The page
# shows the questions and folds the answers; flashcards and the Anki deck drill them.
follow_ups:
  - question: TODO
    answer: |
      TODO

# Further reading: title and http(s) URL.
references: []

# Figures drawn at build time, shown after the answer (see "Figures" in CONTRIBUTING.md):
#   - file: figures/my-plot.yml   # a figure file in a folder under questions/
#     alt: What the figure shows, in a sentence or two, for readers who cannot see it.
#     caption: One line under the figure.
figures: []
"""


def question_file(title: str, topic: str, difficulty: str) -> tuple[str, str]:
    """The new question's id and the text of its file."""
    question_id = slugify(title)[:80].rstrip("-")
    text = TEMPLATE.format(id=question_id, title=json.dumps(title, ensure_ascii=False), topic=topic, difficulty=difficulty)
    return question_id, text


def main(argv: list[str], guide_dir: Path | None = None) -> int:
    guide_dir = guide_dir or guidedir.find()
    parser = argparse.ArgumentParser(prog="build_pages.py new", description="Create a new question file from a title.")
    parser.add_argument("title", help='the question, e.g. "What is a hash table?"')
    parser.add_argument("--topic", required=True, help="topic id from questions/_topics.yml")
    parser.add_argument("--difficulty", default="intermediate", choices=DIFFICULTIES)
    parser.add_argument("--questions", type=Path, default=guide_dir / "questions", help="folder of question files")
    args = parser.parse_args(argv)

    try:
        guide = load_guide(args.questions)
        topics = [t.id for t in guide.topics]
    except GuideError:
        topics = _topic_ids_only(args.questions)
    if args.topic not in topics:
        print(f'unknown topic "{args.topic}"{suggest(args.topic, topics)}; choose one of: {", ".join(topics)}', file=sys.stderr)
        return 1
    question_id, text = question_file(args.title.strip(), args.topic, args.difficulty)
    path = args.questions / f"{question_id}.yml"
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite an existing question
            handle.write(text)
    except FileExistsError:
        print(f"{path}: a question with id {question_id!r} already exists; edit it, or choose another title", file=sys.stderr)
        return 1
    print(f"Created {path}\nFill in the TODOs, then run: make check && make serve")
    return 0


def _topic_ids_only(questions_dir: Path) -> list[str]:
    """Topic ids even when some other question file is currently invalid."""
    import yaml

    try:
        data = yaml.safe_load((questions_dir / "_topics.yml").read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError):
        return []
    return [item["id"] for item in data if isinstance(item, dict) and isinstance(item.get("id"), str)]
