"""The Markdown extension `studyguide.mathext`: math typeset into the page as it is built.

Listed after `pymdownx.arithmatex` (generic mode) in mkdocs.yml's `markdown_extensions`; the
studyguide plugin adds it when a guide's mkdocs.yml does not, and renderers that run no
plugins (Zensical) find it there. It runs last, on the finished HTML, and hands every
arithmatex element to `mathrender.typeset_html`.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from . import mathrender

NAME = "studyguide.mathext"


class _Typeset(Postprocessor):
    def run(self, text: str) -> str:
        return mathrender.typeset_html(text)


class MathExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After raw HTML is put back (priority 30) and everything else: the page's final HTML.
        md.postprocessors.register(_Typeset(md), "studyguide-math", 1)


def makeExtension(**kwargs: object) -> MathExtension:
    return MathExtension(**kwargs)
