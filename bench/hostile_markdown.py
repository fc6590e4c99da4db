"""Does every Markdown field that validates render in time linear in its length?

For each family of constructs Python-Markdown handles in more than linear time (brackets, link
targets, HTML tags, nested lists and quotes, headings in one block, code blocks, tables...)
and for the ordinary ones around them, builds several 20,000-character fields (the field
limit): the worst input of the family, and the worst one the limits still accept. Each is
checked with `learnpath.roadmap.markdownlimits` first. An accepted field is rendered as a build
renders it (`MarkdownFields.block` with the Markdown settings MkDocs reads from mkdocs.yml,
its built-in extensions included, without the cache); its CPU time, the best of 3 when over
0.1 s, must be at most 0.5 s. A refused field is rendered too, in a worker process stopped
after `--cap` CPU seconds, to show what the limit saves ("before").

Prints one line per family: its worst accepted variant with its time and verdict, and its worst
refused one with the time it took before it was refused. `--verbose` prints every variant.

    .venv/bin/python bench/hostile_markdown.py [--length 20000] [--cap 2] [--verbose] [--quick]
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from measure import verdict
from mkdocs.config import load_config

from learnpath.roadmap import markdownlimits as limits
from learnpath.site.markup import MarkdownFields

TARGET = 0.5
REPO = Path(__file__).resolve().parents[1]
# Ordinary Markdown with every extension's construct: rendered once before timing, so that
# imports and Pygments' lexer loading are not charged to the first field measured.
WARM_UP = (
    "# h\n\n*a* **b** `c` `#!py d` [e](https://e.org) <b>f</b> &amp;\n\n- g\n    1. h\n\n"
    "> i\n\n```py\nj = 1\n```\n\n    k\n\n| l | m |\n|---|---|\n| n | o |\n\n"
    "!!! note\n    p\n\n??? note\n    q\n\n<div markdown>\nr\n</div>\n\ns\n{: .t }\n"
)


def fill(unit: str, length: int, head: str = "", tail: str = "") -> str:
    """`head`, then `unit` repeated, then `tail`: exactly `length` characters."""
    body = length - len(head) - len(tail)
    return head + (unit * (body // len(unit) + 1))[:body] + tail


def repeated(unit: str, length: int) -> str:
    """Whole copies of `unit`, as many as fit."""
    return unit * (length // len(unit))


# Code that makes some Pygments lexer backtrack: (unit repeated, head, tail). The lexer of each
# safe language (one name per lexer) must stay fast on all of them.
CODE_PATTERNS = {
    "'\"a\\' x n": ("a\\", '"', ""),
    '"\'a\\" x n': ("a\\", "'", ""),
    "'\"\\' x n": ('"\\', "", ""),
    "spaces in a line": (" ", "a", "!"),
    "tabs in a line": ("\t", "a", "!"),
    "blank lines": ("\n", "a", "!"),
    "digits": ("1", "", "x"),
    "'1e' x n": ("1e", "", ""),
    "'(' x n": ("(", "", ""),
    "'{' x n": ("{", "", ""),
    "'$(' x n": ("$(", "", ""),
    "'#{' x n": ("#{", "", ""),
    "'/*' x n": ("/*", "", ""),
    "\"'''\" x n": ("'''", "", ""),
    "'a.' x n": ("a.", "", ""),
    "'@a' x n": ("@a", "", ""),
    "':a' x n": (":a", "", ""),
    "'a ' x n": ("a ", "", "!"),
    "'\\\\n' x n": ("\\\n", "", ""),
}
SAFE_LEXERS = ("python", "pycon", "bash", "text", "json", "yaml", "sql", "julia", "rust")
SAFE_LEXERS += ("html", "xml", "diff", "docker")


assert set(SAFE_LEXERS) <= limits.SAFE_LANGUAGES


def code_variant(language: str, unit: str, head: str, tail: str) -> Callable[[int], str]:
    """A fenced block in `language` holding `unit` repeated: `length` characters in all."""
    return lambda n: fill(unit, n, f"```{language}\n{head}", f"{tail}\n```")


# Near-limit variants build on the limits themselves, so they stay the worst accepted input.
B, L, T = limits.MAX_OPEN_BRACKETS, limits.MAX_OPEN_LINK_TARGETS, limits.MAX_OPEN_TAGS
D, S, C = limits.MAX_NESTING, limits.MAX_BREAKS_IN_A_BLOCK, limits.MAX_CODE_BLOCKS
P = limits.MAX_PIPES_IN_A_LINE
Variant = Callable[[int], str]
FAMILIES: dict[str, dict[str, Variant]] = {
    "brackets [": {
        "'[' x n": lambda n: fill("[", n),
        "'![' x n": lambda n: fill("![", n),
        "'[' x n/2, ']' x n/2": lambda n: fill("[", n // 2) + fill("]", n - n // 2),
        "'[a][' x n": lambda n: fill("[a][", n),
        "'<![CDATA[' x n": lambda n: fill("<![CDATA[", n),
        f"{B} '[' open, then prose": lambda n: fill("word ", n, "[" * B),
        f"{B} '![' open, then prose": lambda n: fill("word ", n, "![" * B),
        f"'[' x {B}, ']' x {B}, repeated": lambda n: fill("[" * B + "]" * B, n),
        "'[a](https://e.org) ' x n": lambda n: fill("[a](https://e.org) ", n),
        "'[a][b] ' x n": lambda n: fill("[a][b] ", n),
        f"links nested {B} deep, repeated": lambda n: fill("[" * B + "a" + "](b)" * B + " ", n),
    },
    "link targets ](": {
        "'[a](' x n": lambda n: fill("[a](", n),
        "'[x](<' x n": lambda n: fill("[x](<", n),
        "'![a](' x n": lambda n: fill("![a](", n),
        "'[a](b \"' x n": lambda n: fill('[a](b "', n),
        f"{L} '[a](' open, then prose": lambda n: fill("word ", n, "[a](" * L),
        f"{L} '[a](' open, then '('": lambda n: fill("(", n, "[a](" * L),
        f"{L} '[a](b \"t' open, then ')'": lambda n: fill("a)", n, '[a](b "t' * L),
    },
    "HTML tags <": {
        "'<a ' x n": lambda n: fill("<a ", n),
        "'<a x=' x n": lambda n: fill("<a x=", n),
        '"<a x=\'" x n': lambda n: fill("<a x='", n),
        "'a<a ' x n": lambda n: fill("<a ", n, "a "),
        "'<a/' x n": lambda n: fill("<a/", n),
        "'<a\\n' x n": lambda n: fill("<a\n", n),
        "'</a ' x n": lambda n: fill("</a ", n),
        "'<!a ' x n": lambda n: fill("<!a ", n),
        "'<?a ' x n": lambda n: fill("<?a ", n),
        "'<!--' x n": lambda n: fill("<!--", n),
        "'<http://' x n": lambda n: fill("<http://", n),
        f"{T} '<a ' open, then prose": lambda n: fill("word ", n, "<a " * T),
        f'{T} "<a x=\'" open, then prose': lambda n: fill("word ", n, "<a x='" * T),
        "'<a x=\">' x n": lambda n: fill('<a x=">', n),
        '"<a x=\'>" x n': lambda n: fill("<a x='>", n),
        "'<!-- >' x n": lambda n: fill("<!-- >", n),
        "'<b>' x n": lambda n: fill("<b>", n),
        "'<a href=\"x\">y</a> ' x n": lambda n: fill('<a href="x">y</a> ', n),
    },
    "nested lists": {
        "'- ' x n, then x": lambda n: fill("- ", n, tail="x"),
        "'* ' x n, then x": lambda n: fill("* ", n, tail="x"),
        "'1. ' x n, then x": lambda n: fill("1. ", n, tail="x"),
        "indented 4 more per line": lambda n: "\n".join(" " * 4 * i + "- a" for i in range(99)),
        f"'- ' x {D} then x, each line": lambda n: fill("- " * D + "x\n", n),
        f"4 spaces x {D - 1} then '- x', each line": lambda n: fill(" " * 4 * (D - 1) + "- x\n", n),
        f"'1. ' x {D} then x, each line": lambda n: fill("1. " * D + "x\n", n),
        f"a list {D} deep by indentation, repeated": lambda n: fill(
            "".join(" " * 4 * level + "- a\n" for level in range(D)), n
        ),
    },
    "nested quotes >": {
        "'> ' x n, then x": lambda n: fill("> ", n, tail="x"),
        "'>' x n, then x": lambda n: fill(">", n, tail="x"),
        "'> - ' x n, then x": lambda n: fill("> - ", n, tail="x"),
        f"'> ' x {D} then x, each line": lambda n: fill("> " * D + "x\n", n),
        f"'> ' x {D - 1} then '# h', each line": lambda n: fill("> " * (D - 1) + "# h\n", n),
        f"'> ' x {D - 1} '# h' x {S}, then '> ' x {D - 1} 'a'": lambda n: fill(
            "> " * (D - 1) + "a\n", n, ("> " * (D - 1) + "# h\n") * S
        ),
    },
    "headings, rules in a block": {
        "'#\\n' x n": lambda n: fill("#\n", n),
        "'# a\\n' x n": lambda n: fill("# a\n", n),
        "'a\\n=\\n' x n": lambda n: fill("a\n=\n", n),
        "'a\\n-\\n' x n": lambda n: fill("a\n-\n", n),
        "'***\\n' x n": lambda n: fill("***\n", n),
        "'- a\\n# h\\n' x n": lambda n: fill("- a\n# h\n", n),
        "'> a\\n> # b\\n' x n": lambda n: fill("> a\n> # b\n", n),
        "'a\\n??? n\\n' x n": lambda n: fill("a\n??? n\n", n),
        f"'#\\n' x {S}, then 'a\\n' to the end": lambda n: fill("a\n", n, "#\n" * S),
        f"'> #\\n' x {S}, then '> a\\n'": lambda n: fill("> a\n", n, "> #\n" * S),
        f"('#\\n' x {S}, blank line) repeated": lambda n: fill("#\n" * S + "\n", n),
        f"('a\\n=\\n' x {S // 2}, blank) repeated": lambda n: fill("a\n=\n" * (S // 2) + "\n", n),
        "'[a]: b\\nx\\n' x n": lambda n: fill("[a]: b\nx\n", n),
        f"'[a]: b\\n' x {S}, then 'x\\n'": lambda n: fill("x\n", n, "[a]: b\n" * S),
        "'a\\n> b\\n' x n": lambda n: fill("a\n> b\n", n),
        "'a\\n    b\\n' x n": lambda n: fill("a\n    b\n", n),
        "'a\\n<!-- c -->\\n' x n": lambda n: fill("a\n<!-- c -->\n", n),
        "'a\\n| b |\\n' x n": lambda n: fill("a\n| b |\n", n),
        "'a\\n- b\\n' x n": lambda n: fill("a\n- b\n", n),
        "'a\\n{: .c}\\n' x n": lambda n: fill("a\n{: .c}\n", n),
    },
    "admonitions !!! ???": {
        "'!!! n\\n    a\\n' x n": lambda n: fill("!!! n\n    a\n", n),
        "'??? n\\n    a\\n' x n": lambda n: fill("??? n\n    a\n", n),
        "'!!! n\\n    a\\n\\n' x n": lambda n: fill("!!! n\n    a\n\n", n),
        "'??? n\\n    a\\n\\n' x n": lambda n: fill("??? n\n    a\n\n", n),
        "'???+ n \"t\"\\n    a\\n\\n' x n": lambda n: fill('???+ n "t"\n    a\n\n', n),
        f"admonitions nested {D} deep": lambda n: "\n".join(
            " " * 4 * i + "!!! n" for i in range(D)
        ),
    },
    "code blocks ```": {
        "'```\\n```\\n' x n": lambda n: fill("```\n```\n", n),
        "'```py\\na\\n```\\n' x n": lambda n: fill("```py\na\n```\n", n),
        "'~~~\\n~~~\\n' x n": lambda n: fill("~~~\n~~~\n", n),
        "'`#!py a` ' x n": lambda n: fill("`#!py a` ", n),
        "'`:::py a` ' x n": lambda n: fill("`:::py a` ", n),
        "'    a\\n\\nb\\n\\n' x n": lambda n: fill("    a\n\nb\n\n", n),
        "'```zz\\na\\n```\\n' x n": lambda n: fill("```zz\na\n```\n", n),
        "hl_lines '1-9999' x 1,400": lambda n: fill(
            "a\n", n, '```py hl_lines="' + "1-9999 " * 1400 + '"\n', "\n```\n"
        ),
        f"{C} fenced Python blocks": lambda n: repeated(
            "```py\n" + fill("x = f(a, 'b', [1, 2.0]) # c\n", n // C - 10) + "\n```\n", n
        ),
        f"{C} '`#!py ...`' spans": lambda n: repeated(
            "`#!py " + fill("f(x) + 'a' ", n // C - 8) + "` ", n
        ),
        "one unclosed fence, then lines": lambda n: fill("a\n", n, "```\n"),
        "unclosed fences of 200, 199... 3 '`'": lambda n: fill(
            "a\n", n, "".join("`" * k + "\n" for k in range(limits.MAX_FENCE_LINE, 2, -1))
        ),
        "hl_lines as long as allowed": lambda n: fill(
            "a\n",
            n,
            '```py hl_lines="' + "1-9999 " * ((limits.MAX_FENCE_LINE - 20) // 7) + '"\n',
            "\n```\n",
        ),
    },
    "tables |": {
        "'|' x n": lambda n: fill("|", n),
        "'`a`|' x n": lambda n: fill("`a`|", n),
        "'|`a`' rows x n": lambda n: fill("|`a`", n, "|a|\n|-|\n"),
        f"{P} '|' then '`a`' x n, one row": lambda n: fill("`a`", n, "a|b\n-|-\n" + "|" * P),
        f"rows of {P} '|' and '`a`'": lambda n: fill("`a`|" * P + "\n", n, "a|b\n-|-\n"),
        "'a|b\\n' rows x n": lambda n: fill("a|b\n", n, "a|b\n-|-\n"),
        f"rows of {P} cells 'a|'": lambda n: fill(
            "a|" * P + "\n", n, "a|" * P + "\n" + "-|" * P + "\n"
        ),
        "first line '`a`' x n": lambda n: fill("`a", n - 2, tail="\nx"),
    },
    "emphasis * _": {
        "'*' x n": lambda n: fill("*", n),
        "'*a' x n": lambda n: fill("*a", n),
        "'**a' x n": lambda n: fill("**a", n),
        "'***a' x n": lambda n: fill("***a", n),
        "'_a' x n": lambda n: fill("_a", n),
        "'__a ' x n": lambda n: fill("__a ", n),
        "'*a* ' x n": lambda n: fill("*a* ", n),
        "'*a ' nested, ' a*' closing": lambda n: fill("*a ", n // 2) + fill(" a*", n - n // 2),
        "'**a ' nested, ' a**' closing": lambda n: fill("**a ", n // 2) + fill(" a**", n - n // 2),
        "'***a*' then '*a' x n": lambda n: fill("*a", n, "***a*"),
        "'a*b ' x n": lambda n: fill("a*b ", n),
    },
    "code spans `": {
        "'`' x n": lambda n: fill("`", n),
        "'`a' x n": lambda n: fill("`a", n),
        "'`a` ' x n": lambda n: fill("`a` ", n),
        "'``a' x n": lambda n: fill("``a", n),
        "runs of 1, 2, 3... backticks": lambda n: "".join("`" * i + "a" for i in range(1, 199)),
        "'\\\\`' x n": lambda n: fill("\\`", n),
    },
    "md_in_html": {
        "'<div markdown=\"1\">' nested x n": lambda n: (
            fill('<div markdown="1">\n\n', n // 2) + fill("</div>\n\n", n - n // 2)
        ),
        "'<div markdown>a</div>' x n": lambda n: fill("<div markdown>\na\n</div>\n\n", n),
        "'<span markdown>' nested x n": lambda n: fill("<span markdown>", n, "a "),
        f"divs nested {limits.MAX_MARKDOWN_ELEMENTS} deep, then prose": lambda n: (
            fill(
                "word ",
                n - 8 * limits.MAX_MARKDOWN_ELEMENTS,
                '<div markdown="1">\n\n' * limits.MAX_MARKDOWN_ELEMENTS,
            )
            + "\n\n</div>\n" * limits.MAX_MARKDOWN_ELEMENTS
        ),
        "'<div>' x n": lambda n: fill("<div>", n),
    },
    "flat lists, references": {
        "'- a\\n' x n": lambda n: fill("- a\n", n),
        "'1. a\\n' x n": lambda n: fill("1. a\n", n),
        "'- a\\n\\n' x n": lambda n: fill("- a\n\n", n),
        "'- a\\n* a\\n' x n": lambda n: fill("- a\n* a\n", n),
        "'- a\\n    b\\n' x n": lambda n: fill("- a\n    b\n", n),
        "'- a\\n\\n        b\\n\\n' x n": lambda n: fill("- a\n\n        b\n\n", n),
        "'[a]: b\\n' x n": lambda n: fill("[a]: b\n", n),
        "'[a]: b\\n[a]\\n' x n": lambda n: fill("[a]: b\n[a]\n", n),
    },
    "entities, escapes, attrs": {
        "'&' x n": lambda n: fill("&", n),
        "'&amp;' x n": lambda n: fill("&amp;", n),
        "'&#99999999999;' x n": lambda n: fill("&#99999999999;", n),
        "'\\\\' x n": lambda n: fill("\\", n),
        "'\\\\[' x n": lambda n: fill("\\[", n),
        "'{' x n": lambda n: fill("{", n, "a "),
        "'{: .a }' x n": lambda n: fill("{: .a }", n, "a "),
        "'a\\n{: .a}\\n' x n": lambda n: fill("a\n{: .a}\n", n),
        "'# h {: #a .b c=d }\\n\\n' x n": lambda n: fill("# h {: #a .b c=d }\n\n", n),
    },
    "long lines, autolinks": {
        "'(' x n": lambda n: fill("(", n, "[a]"),
        "'a' x n": lambda n: fill("a", n),
        "'a  \\n' x n": lambda n: fill("a  \n", n),
        "'<http://a> ' x n": lambda n: fill("<http://a> ", n),
        "'<a@b.c> ' x n": lambda n: fill("<a@b.c> ", n),
        "'https://a.b/ ' x n": lambda n: fill("https://a.b/ ", n),
    },
    "code in a named language": {
        "'```maple' and 60 characters": lambda n: '```maple\n"' + "a\\" * 29 + "\n```",
        "'```c', a line of spaces": lambda n: fill(" ", n, "```c\na", "!\n```"),
        "'```zeek', 1,000 digits": lambda n: "```zeek\n" + "1" * 999 + "x\n```",
        "'```autohotkey', blank lines": lambda n: fill("\n", n, "```autohotkey\na", "!\n```"),
        "'`#!maple ...`' span": lambda n: '`#!maple "' + "a\\" * 29 + "`",
        **{
            f"'```{language}', {pattern}": code_variant(language, *CODE_PATTERNS[pattern])
            for language in SAFE_LEXERS
            for pattern in CODE_PATTERNS
        },
    },
    "every limit at once": {
        "all open at once, then prose": lambda n: fill(
            "word ", n, "[" * (B - 1) + "[a](" * L + "<a " * T + "`#!py a` " * C
        ),
        "all open at once, then '#\\n' lines": lambda n: fill(
            "a\n", n, "[" * (B - 1) + "[a](" * L + "<a " * T + "\n" + "#\n" * S
        ),
        "deep, open, code and headings": lambda n: fill(
            "> " * (D - 1) + "a\n",
            n,
            "[" * (B - 1)
            + "[a](" * L
            + "<a " * T
            + "`#!py a` " * (C // 2)
            + "\n\n"
            + ("```\na\n```\n\n" * (C // 2))
            + ("> " * (D - 1) + "# h\n") * S,
        ),
    },
}


def site_fields() -> Callable[[], MarkdownFields]:
    """A fresh renderer each call, with the settings MkDocs gives the plugin for mkdocs.yml
    (its built-in extensions included)."""
    config = load_config(str(REPO / "mkdocs.yml"))
    extensions, configs = list(config.markdown_extensions), dict(config.mdx_configs)
    return lambda: MarkdownFields(extensions, configs)


def render_seconds(fresh: Callable[[], MarkdownFields], text: str) -> float:
    """CPU seconds to render `text` with a new renderer: no cache, nothing shared."""
    fields = fresh()
    start = time.process_time()
    fields.block(text)
    return time.process_time() - start


def run_worker(length: int, cap: float) -> None:
    """Render the variants named on stdin, one per line; print each time. Stopped by the
    kernel (SIGVTALRM) after `cap` CPU seconds on one render: a quadratic C scan cannot be
    interrupted from Python."""
    fresh = site_fields()
    fresh().block(WARM_UP)
    for request in sys.stdin:
        family, name = request.rstrip("\n").split("\t")
        text = FAMILIES[family][name](length)
        signal.setitimer(signal.ITIMER_VIRTUAL, cap)
        try:
            seconds = render_seconds(fresh, text)
            print(f"{seconds:.3f}", flush=True)
        except RecursionError:
            print("RecursionError", flush=True)
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)


class Worker:
    """A process that renders refused variants, restarted when the CPU cap stops it."""

    def __init__(self, length: int, cap: float) -> None:
        self.command = [sys.executable, __file__, "--worker", "--length", str(length)]
        self.command += ["--cap", str(cap)]
        self.cap = cap
        self.process: subprocess.Popen[str] | None = None

    def before(self, family: str, name: str) -> str:
        if self.process is None:
            self.process = subprocess.Popen(
                self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(f"{family}\t{name}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        if answer:
            return answer if answer == "RecursionError" else f"{float(answer):.2f} s"
        stopped = self.process.wait() == -signal.SIGVTALRM
        self.process = None
        return f"> {self.cap:g} s" if stopped else "crashed"

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()  # type: ignore[union-attr]
            self.process.wait()


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--length", type=int, default=20_000, help="characters per field")
    parser.add_argument("--cap", type=float, default=2.0, help="CPU seconds for a 'before'")
    parser.add_argument("--verbose", action="store_true", help="print every variant")
    parser.add_argument("--quick", action="store_true", help="no 'before' times")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> int:
    options = parse_options()
    if options.worker:
        run_worker(options.length, options.cap)
        return 0
    fresh = site_fields()
    fresh().block(WARM_UP)
    worker = None if options.quick else Worker(options.length, options.cap)
    print(
        f"Hostile Markdown fields of {options.length:,} characters; an accepted field must "
        f"render in <= {TARGET} s (CPU time; best of 3 when over {TARGET / 5} s). 'Before': "
        f"the same renderer on the refused fields, stopped at {options.cap:g} s.\n"
    )
    print(f"{'family':27} {'refused':>7}  {'worst accepted':38} {'after':>13}  worst refused")
    worst_check = worst_after = 0.0
    for family, variants in FAMILIES.items():
        accepted: list[tuple[float, str]] = []
        refused: list[tuple[str, str]] = []
        for name, make in variants.items():
            text = make(options.length)
            started = time.perf_counter()
            problem = limits.markdown_problem(text)
            worst_check = max(worst_check, time.perf_counter() - started)
            if problem is None:
                seconds = render_seconds(fresh, text)
                if seconds > TARGET / 5:  # near the target: the best of 3 discounts noise
                    seconds = min(seconds, *(render_seconds(fresh, text) for _ in range(2)))
                accepted.append((seconds, name))
                shown = f"accepted, {seconds:.3f} s"
            else:
                skip = worker is None or any(before.startswith(">") for _, before in refused)
                before = "-" if skip else worker.before(family, name)  # type: ignore[union-attr]
                refused.append((name, before))
                shown = f"refused, before {before}: {problem[:60]}..."
            if options.verbose:
                print(f"    {family:27} {name:40} {len(text):>6,}  {shown}")
        seconds, name = max(accepted, default=(0.0, "-"))
        worst_after = max(worst_after, seconds)
        slowest = max(refused, key=lambda item: _order(item[1]), default=("-", "-"))
        after = f"{seconds:.3f} s {verdict(seconds, TARGET)}" if accepted else "-"
        print(
            f"{family:27} {len(refused):>3}/{len(variants):<3}  {name[:38]:38} {after:>13}  "
            f"{slowest[0]}: {slowest[1]}"
        )
    if worker is not None:
        worker.close()
    print(f"\nThe check itself: at most {worst_check * 1000:.1f} ms for one field.")
    print(
        f"Slowest accepted field: {worst_after:.3f} s (target <= {TARGET}): "
        f"{verdict(worst_after, TARGET)}"
    )
    return 0 if worst_after <= TARGET else 1


def _order(before: str) -> float:
    """Sort key for 'before' figures: a capped one first, then RecursionError, then seconds."""
    if before.startswith(">"):
        return float("inf")
    if before == "RecursionError":
        return 1e9
    return float(before.split()[0]) if before != "-" else -1.0


if __name__ == "__main__":
    sys.exit(main())
