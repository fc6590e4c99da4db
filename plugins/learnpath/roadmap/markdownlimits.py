"""Limits on a Markdown field that keep its rendering time linear in its length.

Python-Markdown does some work per construct that grows with the text after it: an unclosed
`[` makes the link processors scan the rest of the paragraph, once per bracket, so 20,000 of
them took 94 s; each heading in a block of lines without a blank line makes the rest of the
block be tested again; each list marker or indentation level is one more level of recursion,
and a list nested a few hundred deep ends in a RecursionError. Each limit below caps one such
construct. They are checked here in one pass over the text before anything renders it, so a
field is either refused with a message naming the construct, or rendered in time roughly
proportional to its length (`bench/hostile_markdown.py` tries the worst cases it knows: under
0.2 s for 20,000 characters, against 94 s, minutes or a crash before).

Why these numbers: each is far above what a description needs (the shipped roadmap's fields
use none of these constructs) and low enough that the work it allows, times the longest
field, stays a small part of the 0.5 s budget:

- 32 `[`, link targets `](` or HTML tags open at once: each open one costs a scan of the rest
  of the text, and 32 x 20,000 characters is about 0.1 s.
- 20 levels of lists, quotes and indentation: markdown-it's nesting limit in its CommonMark
  preset; Python-Markdown runs out of stack at about 250 levels, fewer inside MkDocs.
- 20 HTML elements with a `markdown` attribute: md_in_html parses each one's content, one
  more level of recursion each.
- 100 headings, rules, link definitions or admonitions in one run of lines without a blank
  line between them: each splits the run, and the rest of it is tested again.
- 100 code blocks or highlighted code spans: Pygments costs about 0.2 ms each, whatever their
  length, and 2,500 empty blocks fit in a field.
- 200 characters on a code fence's first line: its `hl_lines` ranges are expanded once per
  line of code.
- 100 `|` on one line: the tables extension compares each `|` with each code span of the row.
- Code may name one of `SAFE_LANGUAGES`, or a language Pygments does not know (shown plain):
  some of Pygments' 600 lexers backtrack for minutes on short code.

The counts are conservative (brackets inside code count, and so do markers inside fences), so
a construct cannot hide from them; ordinary Markdown comes nowhere near any of them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from pydantic_core import PydanticCustomError

MAX_OPEN_BRACKETS = 32
MAX_OPEN_LINK_TARGETS = 32
MAX_OPEN_TAGS = 32
MAX_NESTING = 20
MAX_MARKDOWN_ELEMENTS = 20
MAX_BREAKS_IN_A_BLOCK = 100
MAX_CODE_BLOCKS = 100
MAX_FENCE_LINE = 200
MAX_PIPES_IN_A_LINE = 100

# Characters that open or close something the inline processors scan for. A backslash escape
# makes the next character text, as Python-Markdown's escape processor does (it runs first).
# `<` followed by a letter, `/`, `!` or `?` starts what the HTML parser reads as a tag, a
# comment or a declaration; quotes matter only inside a tag; `markdown` is md_in_html's
# attribute, counted once a tag has been seen.
_MARKDOWN_ATTRIBUTE = r"(?<![\w-])markdown(?![\w-])"
_INLINE_TOKEN = re.compile(
    rf"""\\[\\`*_{{}}\[\]()>\#+\-.!|]
    |<[A-Za-z/!?]
    |{_MARKDOWN_ATTRIBUTE}
    |[\[\]()>'"]""",
    re.VERBOSE | re.IGNORECASE,
)
_MARKDOWN_WORD = re.compile(_MARKDOWN_ATTRIBUTE, re.IGNORECASE)
# One container marker at the start of a line (after its whitespace): a quote `>`, a
# bullet, or an ordered-list number (with `)` too, to be safe).
_CONTAINER_MARKER = re.compile(r"(>)|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)")
_WHITESPACE = re.compile(r"[ \t]*")
_PREFIX_START = frozenset(" \t>-*+0123456789")
# A line that splits the block it is in: a heading, a setext underline, a rule, a link
# definition, an admonition or collapsible block. Rules of mixed characters count too.
_BREAK = re.compile(
    r"\#|!!!|\?\?\?|\[[^\[\]]*\]:|=+[ \t]*$|-+[ \t]*$|[-*_](?:[ \t]*[-*_]){2,}[ \t]*$"
)
_FENCE = ("```", "~~~")
# The language a fence names: a word after the fence, or the first class in its `{ }`.
_FENCE_LANGUAGE = re.compile(
    r"[`~]+[ \t]*\.?([\w#.+-]*)"  # ```python
    r"[^{]*(?:\{[^}]*?(?<![^\s{])\.([\w#.+-]+))?"  # ``` { #id .python }
)
_HIGHLIGHTED_SPAN = re.compile(r"`+(?:\#!|:::)([\w#.+-]*)")
# Languages whose Pygments lexer took under 0.15 s on each of bench/hostile_markdown.py's
# hostile 20,000-character codes. Of Pygments' 600 lexers, some take minutes on short code
# (Maple: over 20 s on 60 characters; C: over 20 s on one line of spaces), so a field may name
# another language only if Pygments does not know it: its code is then shown as plain text.
SAFE_LANGUAGES = frozenset({
    "bash", "diff", "docker", "dockerfile", "html", "jl", "json", "julia", "py", "py3",
    "pycon", "python", "python3", "rust", "sh", "shell", "sql", "text", "xml", "yaml", "yml",
    "zsh",
})  # fmt: skip


def check_markdown_limits(text: str) -> str:
    """The field's text unchanged, or a validation error naming the construct over a limit."""
    problem = markdown_problem(text)
    if problem is not None:
        raise PydanticCustomError("markdown_too_complex", "{problem}", {"problem": problem})
    return text


def markdown_problem(text: str) -> str | None:
    """What in `text` is over a limit, as a message for its author, or None."""
    # What is open at once is at most all there is: most fields need no closer look.
    if (
        text.count("[") > MAX_OPEN_BRACKETS
        or text.count("](") > MAX_OPEN_LINK_TARGETS
        or text.count("<") > MAX_OPEN_TAGS
        or ("<" in text and len(_MARKDOWN_WORD.findall(text)) > MAX_MARKDOWN_ELEMENTS)
    ):
        problem = _inline_problem(text)
        if problem is not None:
            return problem
    return _line_problem(text)


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _inline_problem(text: str) -> str | None:
    """Brackets, link targets and tags left open, and markdown attributes, in one pass."""
    brackets: list[int] = []  # positions of the `[` still open
    parentheses: list[bool] = []  # each open `(`: does it start a link target?
    link_targets: list[int] = []  # positions of the link targets still open
    tags: list[int] = []  # positions of the tags opened since the last `>`
    quote = ""  # the quote a tag's attribute value is in, if any
    markdown_elements = 0
    seen_tag = False
    bracket_closed_at = -1
    for token in _INLINE_TOKEN.finditer(text):
        first = token.group()[0]
        if first == "\\":
            continue
        if first == "[":
            brackets.append(token.start())
            if len(brackets) > MAX_OPEN_BRACKETS:
                return (
                    f"has {len(brackets)} '[' open at once (the first on line "
                    f"{_line_of(text, brackets[0])} of the field); at most {MAX_OPEN_BRACKETS}:"
                    " close each with ']', or write \\[ for a bracket that is only text"
                )
        elif first == "]":
            if brackets:
                brackets.pop()
            bracket_closed_at = token.end()
        elif first == "(":
            starts_link = token.start() == bracket_closed_at
            parentheses.append(starts_link)
            if starts_link:
                link_targets.append(token.start())
                if len(link_targets) > MAX_OPEN_LINK_TARGETS:
                    return (
                        f"has {len(link_targets)} link targets '](' open at once (the first on "
                        f"line {_line_of(text, link_targets[0])} of the field); at most "
                        f"{MAX_OPEN_LINK_TARGETS}: close each with ')'"
                    )
        elif first == ")":
            if parentheses and parentheses.pop():
                link_targets.pop()
        elif first == "<":
            seen_tag = True
            tags.append(token.start())
            if len(tags) > MAX_OPEN_TAGS:
                return (
                    f"has {len(tags)} HTML tags open at once without their '>' (the first on "
                    f"line {_line_of(text, tags[0])} of the field); at most {MAX_OPEN_TAGS}:"
                    " end each tag with '>', or write &lt; for a '<' that is only text"
                )
        elif first == ">":
            if not quote:
                tags.clear()
        elif first in "'\"":
            if tags:
                quote = "" if quote == first else quote or first
        elif seen_tag:
            markdown_elements += 1
            if markdown_elements > MAX_MARKDOWN_ELEMENTS:
                return (
                    f"has {markdown_elements} HTML elements with a markdown attribute; at most "
                    f"{MAX_MARKDOWN_ELEMENTS}"
                )
    return None


def _line_problem(text: str) -> str | None:
    """Nesting, block-splitting lines, code blocks and table pipes, line by line."""
    breaks = 0  # in the current run of lines without a blank line
    block_start = 1
    fence_lines = indented_blocks = 0
    after_blank = True
    # The indentation an indented code block needs after the last non-blank line: 4 more than
    # that line's own, plus 4 per list marker on it (list content is indented 4 per level).
    code_indent = 4
    lines = text.split("\n")
    # Counts that cannot reach their limit in this text are not taken line by line.
    count_pipes = text.count("|") > MAX_PIPES_IN_A_LINE
    count_breaks = len(lines) > MAX_BREAKS_IN_A_BLOCK
    for number, line in enumerate(lines, 1):
        pipes = line.count("|") if count_pipes else 0
        if pipes > MAX_PIPES_IN_A_LINE:
            return (
                f"has {pipes:,} '|' on line {number} of the field; at most "
                f"{MAX_PIPES_IN_A_LINE} on one line"
            )
        if not line.strip(" \t"):  # Python-Markdown's blank line: a no-break space is text
            breaks, block_start, after_blank = 0, number + 1, True
            continue
        prefix = _prefix(line) if line[0] in _PREFIX_START else _Prefix(0, 0, 0, 0, False)
        if prefix.depth > MAX_NESTING:
            return (
                f"nests lists, quotes and indentation more than {MAX_NESTING} levels deep on "
                f"line {number} of the field (each list marker, '>' or 4 spaces of indentation "
                "is a level)"
            )
        position, indent, list_markers = prefix.content, prefix.indent, prefix.list_markers
        if position == len(line) and list_markers == 0:  # only `>`: a blank line in a quote
            after_blank = True
        else:
            if after_blank and indent >= code_indent:
                indented_blocks += 1
            code_indent = indent + 4 * list_markers + 4
            after_blank = False
        if line.startswith(_FENCE, position):
            fence_lines += 1
            if len(line) - position > MAX_FENCE_LINE:
                return (
                    f"has a code fence whose first line is {len(line) - position:,} characters "
                    f"long (line {number} of the field); at most {MAX_FENCE_LINE}"
                )
            fence = _FENCE_LANGUAGE.match(line, position)
            for language in fence.groups("") if fence else ():
                if _slow_to_highlight(language):
                    return _language_problem(language, number)
        if count_breaks:  # a link definition's label may wrap: its `]:` line counts
            breaks += prefix.is_break or "]:" in line or _BREAK.match(line) is not None
        if breaks > MAX_BREAKS_IN_A_BLOCK:
            return (
                f"has more than {MAX_BREAKS_IN_A_BLOCK} headings, rules, link definitions or "
                f"admonitions in the lines from line {block_start} of the field, with no blank "
                "line between them; put blank lines between them"
            )
    code_blocks = (fence_lines + 1) // 2 + indented_blocks
    if "`#!" in text or "`:::" in text:
        for span in _HIGHLIGHTED_SPAN.finditer(text):
            code_blocks += 1
            if _slow_to_highlight(span.group(1)):
                return _language_problem(span.group(1), _line_of(text, span.start()))
    if code_blocks > MAX_CODE_BLOCKS:
        return (
            f"has {code_blocks:,} code blocks and highlighted code spans; at most {MAX_CODE_BLOCKS}"
        )
    return None


class _Prefix(NamedTuple):
    """The containers a line starts with."""

    depth: int  # list and quote markers, and indentation levels; past the limit, limit + 1
    indent: int  # columns of whitespace before the first list marker
    list_markers: int
    content: int  # where the text after the markers starts
    is_break: bool  # whether the line splits its block, at any of its levels


def _prefix(line: str) -> _Prefix:
    """The markers and indentation that open containers at the start of `line`.

    Leading whitespace counts a level per 4 columns (Python-Markdown nests by tab stops), and
    so does whitespace after a `>` beyond its optional space; the spaces after a list marker
    belong to the marker."""
    markers = list_markers = columns = 0
    indent = -1
    is_break = False
    position = 0
    skip = 0  # whitespace the last marker takes with it
    while True:
        space = _WHITESPACE.match(line, position)
        columns += max(_columns(space.group()) - skip, 0)
        position = space.end()
        is_break = is_break or _BREAK.match(line, position) is not None
        marker = _CONTAINER_MARKER.match(line, position)
        if marker is None or markers + columns // 4 > MAX_NESTING:
            break
        is_quote = marker.group(1) is not None
        if not is_quote and indent < 0:
            indent = columns
        markers += 1
        list_markers += not is_quote
        skip = 1 if is_quote else len(line)
        position = marker.end()
    depth = min(markers + columns // 4, MAX_NESTING + 1)
    return _Prefix(depth, columns if indent < 0 else indent, list_markers, position, is_break)


def _columns(whitespace: str) -> int:
    """Tabs count as 4 columns: Python-Markdown expands them to the next multiple of 4."""
    return len(whitespace) + 3 * whitespace.count("\t")


def _language_problem(language: str, number: int) -> str:
    return (
        f"names '{language}' for the code on line {number} of the field; Pygments can take "
        "minutes on it, so fields highlight only python, bash, json, yaml, sql, julia, rust, "
        "html, xml, diff or dockerfile (or code without a language)"
    )


@cache
def _slow_to_highlight(language: str) -> bool:
    """Whether Pygments knows `language` and it is not one of the safe languages."""
    name = language.lower()
    if not name or name in SAFE_LANGUAGES:
        return False
    try:
        from pygments.lexers import find_lexer_class_by_name
        from pygments.util import ClassNotFound
    except ImportError:  # no Pygments, no highlighting
        return False
    try:
        find_lexer_class_by_name(name)
    except ClassNotFound:
        return False
    return True
