#!/usr/bin/env python3
"""Regenerate every command output embedded in the user documentation (docs/*.md).

The docs show real output, never hand-written output. Each embedded block sits between two marker
comments::

    <!-- begin: kubeproof simulate examples/web.yaml --cluster examples/cluster.yaml | lines=1-12 -->
    ```text
    $ kubeproof simulate examples/web.yaml --cluster examples/cluster.yaml
    ...the output...
    ```
    <!-- end -->

What follows ``begin:`` is a *source*, optionally followed by `` | `` and options:

* ``kubeproof ARGS...`` runs ``python3 -m checkers.cli ARGS...`` from the repository root (the
  ``kubeproof`` console script is the same program); ``python3 ARGS...`` runs a script (an
  example); ``file PATH`` embeds a file of the repository. ``reports/runs/<time>`` in a source
  stands for the report directory of the doc's last ``verify`` block (written to a temporary
  directory, shown under that name).
* ``lines=A-B[,C-D...]`` keeps only those lines (1-based, inclusive; ``A-`` means to the end),
  with a ``...`` line where lines were left out; ``from=TEXT`` starts at the first line that
  contains TEXT; ``upto=TEXT`` stops before the first later line that contains TEXT.
* ``stdin=PATH`` feeds that file of the repository to the command's standard input.
* ``fence=LANG`` the code fence's language (default ``text``; ``mermaid`` renders on GitHub);
  ``nocmd`` leaves out the ``$ kubeproof ...`` line; ``slow`` marks a command that
  ``tests/test_docs.py`` does not re-run (``verify``: its output depends on a time budget).

A command that exits with a non-zero status gets a last line ``[exit status N]``. Paths of the
temporary report directory ``verify`` writes to are shown as ``reports/runs``.

Usage: ``python3 docs/generate.py`` rewrites the docs in place; ``--check`` only reports stale
blocks (exit 1); ``--fast`` skips ``slow`` blocks; ``FILE.md...`` limits it to those docs.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# Docs that this generator owns; docs/scheduling.md and docs/kubelet-lifecycle.md have their own.
BLOCK = re.compile(
    r"(?P<begin><!-- begin: (?P<spec>.*?) -->\n)(?P<body>.*?)(?P<end><!-- end -->)",
    re.DOTALL,
)
REPORTS_PLACEHOLDER = "reports/runs"


@dataclass(frozen=True)
class Block:
    """One embedded output: where it is and how to make it."""

    doc: Path
    spec: str
    body: str

    @property
    def source(self) -> str:
        return self.spec.split(" | ", 1)[0].strip()

    @property
    def options(self) -> dict[str, str]:
        if " | " not in self.spec:
            return {}
        out: dict[str, str] = {}
        for word in shlex.split(self.spec.split(" | ", 1)[1]):
            key, _, value = word.partition("=")
            out[key] = value
        return out

    @property
    def slow(self) -> bool:
        return "slow" in self.options


def blocks(doc: Path) -> list[Block]:
    """The marked blocks of one doc, in order."""
    text = doc.read_text(encoding="utf-8")
    return [Block(doc, m.group("spec"), m.group("body")) for m in BLOCK.finditer(text)]


def docs(paths: list[str] | None = None) -> list[Path]:
    """The docs to regenerate: the given ones, or every docs/*.md with at least one block."""
    if paths:
        return [Path(p).resolve() for p in paths]
    return sorted(p for p in DOCS.glob("*.md") if BLOCK.search(p.read_text(encoding="utf-8")))


class Session:
    """What the blocks of one doc share: the directory ``verify`` writes its reports to.

    A later block names the report of an earlier ``verify`` block as ``reports/runs/<time>/...``
    (as the docs show it); the session maps that back to the real directory. Blocks that use it
    must come after the ``verify`` block and are run in document order.
    """

    def __init__(self, tmp: str) -> None:
        self.tmp = tmp
        self.run: str | None = None

    def real(self, word: str) -> str:
        """A word of a source with the shown report directory replaced by the real one."""
        shown = REPORTS_PLACEHOLDER + "/<time>"
        if shown in word:
            if self.run is None:
                raise ValueError(f"{word!r}: no earlier verify block wrote a report")
            return word.replace(shown, self.run)
        return word

    def shown(self, text: str) -> str:
        """Output with the real report directories replaced by what the docs show."""
        text = re.sub(re.escape(self.tmp) + r"/\d{8}T\d{6}Z", REPORTS_PLACEHOLDER + "/<time>", text)
        return text.replace(self.tmp, REPORTS_PLACEHOLDER)


def run_source(source: str, session: Session, stdin: str | None = None) -> tuple[str, str]:
    """The raw text of a source and the command line to show (empty for files)."""
    words = shlex.split(source)
    if words[0] == "file":
        return (ROOT / session.real(words[1])).read_text(encoding="utf-8"), ""
    if words[0] == "kubeproof":
        command = [sys.executable, "-m", "checkers.cli"]
    elif words[0] == "python3":
        command = [sys.executable]
    else:
        raise ValueError(f"unknown source {source!r}: expected 'kubeproof ...', 'python3 ...' or 'file PATH'")
    args = words[1:]
    shown = f"$ {words[0]} " + " ".join(shlex.quote(a) for a in args)
    if stdin:
        shown += f" < {stdin}"
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200", PYTHONHASHSEED="0")
    env.pop("CI", None)
    args = [session.real(a) for a in args]
    if args and args[0] == "verify" and "--reports" not in args:
        args = [*args, "--reports", session.tmp]
    before = set(os.listdir(session.tmp))
    proc = subprocess.run(
        [*command, *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
        input=(ROOT / stdin).read_text(encoding="utf-8") if stdin else None,
    )
    made = sorted(set(os.listdir(session.tmp)) - before)
    if made:
        session.run = os.path.join(session.tmp, made[-1])
    out = session.shown(proc.stdout + proc.stderr)
    if proc.returncode != 0:
        out = out.rstrip("\n") + f"\n[exit status {proc.returncode}]\n"
    return out, shown


def select_lines(lines: list[str], options: dict[str, str]) -> list[str]:
    """Apply from=, upto= and lines= to the output lines."""
    if "from" in options:
        start = next((i for i, line in enumerate(lines) if options["from"] in line), None)
        if start is None:
            raise ValueError(f"from={options['from']!r}: no such line")
        lines = lines[start:]
    if "upto" in options:
        stop = next((i for i, line in enumerate(lines) if i > 0 and options["upto"] in line), None)
        if stop is None:
            raise ValueError(f"upto={options['upto']!r}: no such line")
        lines = lines[:stop]
    if "lines" not in options:
        return lines
    kept: list[str] = []
    last = 0
    for part in options["lines"].split(","):
        a, _, b = part.partition("-")
        first = int(a)
        end = int(b) if b else len(lines)
        if first > last + 1:
            kept.append("...")
        kept.extend(lines[first - 1:end])
        last = end
    if last < len(lines):
        kept.append("...")
    return kept


def render(block: Block, session: Session) -> str:
    """The body the block should have now."""
    options = block.options
    raw, shown = run_source(block.source, session, options.get("stdin"))
    lines = select_lines(raw.rstrip("\n").split("\n"), options)
    fence = options.get("fence", "text")
    head = [shown] if shown and "nocmd" not in options else []
    # A fence longer than any backtick run inside keeps embedded Markdown intact.
    ticks = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", "\n".join(lines))), default=0))
    return "\n".join([ticks + fence, *head, *lines, ticks]) + "\n"


def regenerate(doc: Path, fast: bool) -> tuple[str, list[str]]:
    """The doc's new text and the specs of the blocks that changed."""
    text = doc.read_text(encoding="utf-8")
    found = list(BLOCK.finditer(text))
    todo = [m for m in found if not (fast and Block(doc, m.group("spec"), "").slow)]
    # Blocks that share a verify report run in order; all others in parallel.
    shared = any(REPORTS_PLACEHOLDER in m.group("spec") or " verify" in m.group("spec") for m in todo)
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=1 if shared else 8) as pool:
        session = Session(tmp)
        bodies = dict(zip((m.start() for m in todo),
                          pool.map(lambda m: render(Block(doc, m.group("spec"), m.group("body")), session), todo), strict=True))
    out: list[str] = []
    changed: list[str] = []
    pos = 0
    for m in found:
        out.append(text[pos:m.start("body")])
        body = bodies.get(m.start(), m.group("body"))
        if body != m.group("body"):
            changed.append(m.group("spec"))
        out.append(body)
        pos = m.end("body")
    out.append(text[pos:])
    return "".join(out), changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the command outputs embedded in docs/*.md.")
    parser.add_argument("docs", nargs="*", metavar="FILE.md")
    parser.add_argument("--check", action="store_true", help="report stale blocks, change nothing")
    parser.add_argument("--fast", action="store_true", help="skip blocks marked slow")
    ns = parser.parse_args(argv)
    stale = 0
    for doc in docs(ns.docs):
        new, changed = regenerate(doc, ns.fast)
        for spec in changed:
            print(f"{doc.relative_to(ROOT)}: {'stale' if ns.check else 'regenerated'}: {spec}")
        stale += len(changed)
        if changed and not ns.check:
            doc.write_text(new, encoding="utf-8")
    return 1 if ns.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
