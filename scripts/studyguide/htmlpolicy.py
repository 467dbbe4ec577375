"""The raw HTML a question's Markdown may hold: layout yes; scripts, frames and other hosts' files no.

The site promises that a page runs only the site's own scripts and requests nothing
from another host. Inline HTML for layout (`<div>`, `<details>`, `<kbd>`, `<br>`,
`<img src="../assets/x.svg">`...) is passed through as Markdown allows; refused, each
with its line: script and frame elements, elements that embed other documents, elements that change the whole
page (`<base>`, `<meta>`, `<link>`, `<style>`), event-handler attributes (`onclick`),
`javascript:` URLs, and images or other embedded files from another host (in HTML or as
Markdown images). Links to other sites are fine: following one is the reader's choice.

Code (fenced or in backticks) and math are shown literally, so they are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

from .mdtext import split_blocks, split_inline

_REFUSED_ELEMENTS = {
    "script": "pages run only the site's own scripts",
    "iframe": "pages embed nothing from elsewhere: link to it instead",
    "frame": "pages embed nothing from elsewhere: link to it instead",
    "frameset": "pages embed nothing from elsewhere: link to it instead",
    "object": "pages embed nothing from elsewhere: link to it instead",
    "embed": "pages embed nothing from elsewhere: link to it instead",
    "applet": "pages embed nothing from elsewhere: link to it instead",
    "portal": "pages embed nothing from elsewhere: link to it instead",
    "base": "it would change every link of the page",
    "meta": "it would change the whole page",
    "link": "it would load a file into the whole page",
    "style": "it would restyle the whole page (site styles live in docs/assets/)",
}
_RESOURCE_ATTRIBUTES = frozenset(
    {"src", "srcset", "data", "poster", "background", "lowsrc", "dynsrc", "xlink:href", "codebase", "manifest"}
)
"""Attributes whose URL the browser fetches as the page loads (unlike `<a href>`, which waits for a click)."""
_SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data\s*:\s*text/html)\s*:?", re.IGNORECASE)
_REMOTE_URL = re.compile(r"^\s*(?://|[a-z][a-z0-9+.-]*:)", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)|@import", re.IGNORECASE)
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_MD_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_MD_REF_IMAGE = re.compile(r"!\[([^\]\n]*)\](?:\[([^\]\n]*)\])?")
_MD_REF_DEF = re.compile(r"^ {0,3}\[([^\]\n]+)\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*=[^{}\n]*)\}")
_ATTR_PAIR = re.compile(r"([\w:-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s}]+)")
_CODE_HINT = "; to show it as code, put it in backticks or a fenced block"


def html_problems(text: str) -> Iterator[tuple[int, str]]:
    """(line offset within `text`, message) for each construct the policy refuses."""
    masked = _mask_code_and_math(text)
    if "<" in masked:
        finder = _Finder()
        finder.feed(masked)
        finder.close()
        yield from finder.found
    if "](" in masked or "]:" in masked or "![" in masked or "{" in masked:
        yield from _markdown_problems(masked)


def _remote(url: str) -> bool:
    """A URL the browser would fetch from another host: any scheme but data:, or `//host`."""
    return bool(_REMOTE_URL.match(url)) and not url.strip().lower().startswith("data:")


def _markdown_problems(text: str) -> Iterator[tuple[int, str]]:
    def line(position: int) -> int:
        return text.count("\n", 0, position)

    for match in _MD_IMAGE.finditer(text):
        if _remote(match.group(1)):
            yield line(match.start()), _remote_message(f"the image {match.group(1)}")
    for match in _MD_LINK.finditer(text):
        if _SCRIPT_URL.match(match.group(1)):
            yield line(match.start()), "a javascript: link runs a script, which pages do not allow: remove it"
    definitions = {m.group(1).strip().lower(): m.group(2) for m in _MD_REF_DEF.finditer(text)}
    for match in _MD_REF_IMAGE.finditer(text):
        if text.startswith("(", match.end()):
            continue  # an inline image, checked above
        label = (match.group(2) or match.group(1)).strip().lower()
        url = definitions.get(label)
        if url is not None and _remote(url):
            yield line(match.start()), _remote_message(f"the image {url}")
    for match in _MD_REF_DEF.finditer(text):
        if _SCRIPT_URL.match(match.group(2)):
            yield line(match.start()), "a javascript: link runs a script, which pages do not allow: remove it"
    # attr_list (`{ #id .class key="value" }`) sets any attribute, handlers and sources included.
    for match in _ATTR_LIST.finditer(text):
        for pair in _ATTR_PAIR.finditer(match.group(1)):
            problem = _attribute_problem("an attribute list { }", "", pair.group(1), pair.group(2).strip("\"'"))
            if problem:
                yield line(match.start()), problem


def _remote_message(what: str) -> str:
    return (
        f"{what} would be loaded from another host (pages request nothing from other hosts): "
        "save the file under docs/assets/ and give its relative path, or link to it instead"
    )


class _Finder(HTMLParser):
    """Collects refused elements and attributes, with the line each starts on (0-based)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0] - 1
        if tag in _REFUSED_ELEMENTS:
            self.found.append((line, f"<{tag}> is not allowed: {_REFUSED_ELEMENTS[tag]}{_CODE_HINT}"))
            return
        for name, value in attrs:
            problem = _attribute_problem(f"<{tag}>", tag, name, value or "")
            if problem:
                self.found.append((line, problem))

    handle_startendtag = handle_starttag


def _attribute_problem(where: str, tag: str, name: str, value: str) -> str | None:
    name = name.lower()
    if name.startswith("on"):
        return f"the attribute {name} on {where} runs a script, which pages do not allow: remove it"
    if _SCRIPT_URL.match(value):
        return f'{name}="javascript:..." on {where} runs a script, which pages do not allow: remove it'
    if name in _RESOURCE_ATTRIBUTES or (name == "href" and tag in ("image", "use", "feimage")):
        urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
        remote = next((url for url in urls if _remote(url)), None)
        if remote is not None:
            return _remote_message(f'{name}="{remote}" on {where}')
    if name == "style":
        for css in _CSS_URL.finditer(value):
            if css.group(1) is None or _remote(css.group(1)):
                return _remote_message(f'the style "{value.strip()}" of {where}')
    return None


def _mask_code_and_math(text: str) -> str:
    """`text` with code and math replaced by spaces, line breaks kept (so lines still count right)."""
    out: list[str] = []
    for chunk, protected in split_blocks(text):
        first = chunk.lstrip()[:3]
        if protected and (first.startswith(("```", "~~~", "$$"))):
            out.append(_blank(chunk))
            continue
        for piece, is_protected, kind in split_inline(chunk):
            out.append(_blank(piece) if is_protected and kind in ("code", "math") else piece)
    return "".join(out)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)
