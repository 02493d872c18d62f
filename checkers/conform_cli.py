"""``kubeproof conform serve | run | check``: the conformance surface on the command line (JSON Lines).

* ``serve`` answers ``{"id", "op", "input"}`` lines on stdin with ``{"id", "output"}`` lines on stdout,
  flushing each; a line that is not JSON or not of that shape gets an error output and serving goes on.
* ``run FILE.jsonl...`` judges cases ``{"id", "op", "input", "expect"}`` against the model.
* ``check --impl "COMMAND" FILE.jsonl...`` judges the same cases against another implementation that
  speaks the ``serve`` protocol.

``run`` and ``check`` print one line per failing case and ``N passed, N failed, N skipped``
(``--json``: one result object per case); exit status 1 when a case failed. Unsupported answers count
as skipped, never as passed.
"""

from __future__ import annotations

import argparse
import json
import queue
import shlex
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from model.conformance import evaluate, operations
from model.conformance.matching import FAIL, PASS, SKIP, Verdict, judge
from model.errors import ModelError


def register(sub: Any) -> None:
    """Add ``conform`` and its subcommands to the ``kubeproof`` parser."""
    p = sub.add_parser("conform", help="the conformance operations as JSON Lines (serve, run, check)")
    csub = p.add_subparsers(dest="conform_command", metavar="SUBCOMMAND")
    csub.required = True

    serve = csub.add_parser("serve", help='answer {"id","op","input"} lines on stdin with {"id","output"} lines')
    serve.set_defaults(func=_cmd_serve)

    run = csub.add_parser("run", help="judge conformance cases (JSON Lines) against the model")
    run.add_argument("files", nargs="+", metavar="FILE.jsonl", help="case files (a directory: its *.jsonl)")
    run.add_argument("--json", action="store_true", help="print one result object per case")
    run.add_argument("-v", "--verbose", action="store_true", help="also list skipped cases")
    run.add_argument("-k", "--select", metavar="TEXT", help="only cases whose id or op contains TEXT")
    run.set_defaults(func=_cmd_run)

    check = csub.add_parser("check", help="judge conformance cases against another implementation")
    check.add_argument("--impl", required=True, metavar="COMMAND",
                       help="command that speaks the serve protocol on stdin/stdout")
    check.add_argument("--timeout", type=_positive_seconds, default=60.0, help="seconds to wait for each answer")
    check.add_argument("files", nargs="+", metavar="FILE.jsonl")
    check.add_argument("--json", action="store_true", help="print one result object per case")
    check.add_argument("-v", "--verbose", action="store_true", help="also list skipped cases")
    check.add_argument("-k", "--select", metavar="TEXT", help="only cases whose id or op contains TEXT")
    check.set_defaults(func=_cmd_check)

    ops = csub.add_parser("ops", help="list the operations the model implements")
    ops.set_defaults(func=_cmd_ops)


# --- serve ---------------------------------------------------------------------------------------

def _bad_request(message: str) -> dict[str, Any]:
    return {"error": {"kind": "Invalid", "message": message}}


def answer_line(line: str) -> dict[str, Any]:
    """The response object for one request line (never raises)."""
    try:
        request = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "output": _bad_request(f"request is not JSON: {exc}")}
    except RecursionError:
        return {"id": None, "output": _bad_request("request is nested too deeply to decode")}
    if not isinstance(request, dict):
        return {"id": None, "output": _bad_request('a request must be a JSON object {"id", "op", "input"}')}
    rid = request.get("id")
    op, inp = request.get("op"), request.get("input", {})
    if not isinstance(op, str):
        return {"id": rid, "output": _bad_request('a request needs "op", a string')}
    if not isinstance(inp, dict):
        return {"id": rid, "output": _bad_request('"input" must be a JSON object')}
    return {"id": rid, "output": _safe_evaluate(op, inp)}


def _safe_evaluate(op: str, inp: Mapping[str, Any]) -> dict[str, Any]:
    try:
        return evaluate(op, inp)
    except RecursionError:
        return {"error": {"kind": "Invalid", "message": f"input for {op} is nested too deeply"}}
    except Exception as exc:  # noqa: BLE001 - a server must answer every line
        return {"error": {"kind": "Internal", "message": f"{type(exc).__name__}: {exc}"}}


def encode_answer(answer: dict[str, Any]) -> str:
    """One answer as a JSON line; an output JSON cannot carry becomes an error output for that id."""
    try:
        return json.dumps(answer, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        fallback = {"id": answer.get("id"), "output": {"error": {"kind": "Internal",
                                                                 "message": f"output is not JSON: {exc}"}}}
        return json.dumps(fallback, separators=(",", ":"), default=str)


def serve(stdin: IO[str], stdout: IO[str]) -> None:
    """The serve loop: one answer line per non-blank request line, flushed at once."""
    for line in stdin:
        if not line.strip():
            continue
        stdout.write(encode_answer(answer_line(line)) + "\n")
        stdout.flush()


def _cmd_serve(args: argparse.Namespace) -> int:
    # Undecodable bytes become U+FFFD, so such a line is answered as bad JSON rather than ending the server.
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    try:
        serve(sys.stdin, sys.stdout)
    except BrokenPipeError:
        return 0
    return 0


# --- cases ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """One conformance case; ``problem`` is set when its line could not be read as a case."""

    id: str
    op: str
    input: Any
    expect: Any
    source: str
    problem: str = ""


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid value {text!r}: must be a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"invalid value {text}: must be greater than 0")
    return value


def _expand(paths: Iterable[str]) -> Iterator[str]:
    # A directory stands for the *.jsonl files in it, in name order.
    for path in paths:
        p = Path(path)
        if p.is_dir():
            files = sorted(p.glob("*.jsonl"))
            if not files:
                raise ModelError("Invalid", f"{path}: a directory with no *.jsonl case files")
            yield from (str(f) for f in files)
        else:
            yield path


def read_cases(paths: Iterable[str]) -> Iterator[Case]:
    """The cases of JSON Lines files in order; blank lines and ``//`` comment lines are skipped."""
    for path in _expand(paths):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ModelError("Invalid", f"cannot read {path}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise ModelError("Invalid", f"{path}: not a UTF-8 text file (case files are JSON Lines)") from None
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Case(where, "", None, None, where, f"not JSON: {exc}")
                continue
            except RecursionError:
                yield Case(where, "", None, None, where, "not JSON this reader accepts: nested too deeply")
                continue
            problem = _case_problem(data)
            if problem:
                yield Case(str(data.get("id", where)) if isinstance(data, dict) else where, "", None, None, where,
                           problem)
                continue
            yield Case(str(data.get("id", where)), data["op"], data.get("input", {}), data["expect"], where)


def _json_type(value: Any) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _case_problem(data: Any) -> str:
    """What is wrong with one decoded case line ("" when it is a case), naming the field."""
    shape = '(a case is {"id": ..., "op": "<group>.<name>", "input": {...}, "expect": {...}})'
    if not isinstance(data, dict):
        return f"a case must be a JSON object, got {_json_type(data)} {shape}"
    if "op" not in data:
        return f"op: Required value {shape}"
    if not isinstance(data["op"], str):
        return f"op: Invalid value: {json.dumps(data['op'])}: must be a string such as \"intstr.scaled_value\""
    if "input" in data and not isinstance(data["input"], dict):
        return f"input: Invalid value: must be a JSON object {shape}"
    if "expect" not in data:
        return f"expect: Required value {shape}"
    return ""


@dataclass
class Tally:
    """Counts of passed, failed and skipped cases."""

    passed: int = 0
    failed: int = 0
    skipped: int = 0
    malformed: int = 0
    interrupted: bool = False

    def add(self, verdict: Verdict) -> None:
        """Count one verdict."""
        if verdict.status == PASS:
            self.passed += 1
        elif verdict.status == SKIP:
            self.skipped += 1
        else:
            self.failed += 1

    def summary(self) -> str:
        """The closing line: ``N passed, N failed, N skipped``."""
        extra = f", {self.malformed} malformed" if self.malformed else ""
        extra += " (interrupted)" if self.interrupted else ""
        return f"{self.passed} passed, {self.failed} failed, {self.skipped} skipped{extra}"


_MALFORMED_SHOWN = 5  # malformed lines listed per file; the tally counts them all


def judge_cases(cases: Iterable[Case], answer: Callable[[Case], Any],
                report: Callable[[Case, Any, Verdict], None]) -> Tally:
    """Judge each case with ``answer`` (the output for a case), calling ``report`` per case."""
    tally = Tally()
    try:
        _judge_into(tally, cases, answer, report)
    except KeyboardInterrupt:
        # Ctrl-C: keep the verdicts so far; the caller prints the tally and exits 130.
        tally.interrupted = True
    return tally


def _judge_into(tally: Tally, cases: Iterable[Case], answer: Callable[[Case], Any],
                report: Callable[[Case, Any, Verdict], None]) -> None:
    per_file: dict[str, int] = {}
    for case in cases:
        if case.problem:
            # Not a case at all: an input error for the user to fix, reported apart from the verdicts.
            tally.malformed += 1
            file = case.source.rpartition(":")[0]
            per_file[file] = per_file.get(file, 0) + 1
            if per_file[file] <= _MALFORMED_SHOWN:
                print(f"kubeproof: error: {case.source}: {case.problem}", file=sys.stderr, flush=True)
            elif per_file[file] == _MALFORMED_SHOWN + 1:
                # a file that is not JSON Lines at all (a YAML manifest...) should not flood the terminal
                print(f"kubeproof: error: {file}: more malformed lines not shown (is it a JSON Lines case file?)",
                      file=sys.stderr, flush=True)
            continue
        output = answer(case)
        verdict = judge(case.op, case.expect, output)
        tally.add(verdict)
        report(case, output, verdict)


def _reporter(as_json: bool, verbose: bool) -> Callable[[Case, Any, Verdict], None]:
    def report(case: Case, output: Any, verdict: Verdict) -> None:
        """Print one case's result (failures always, skips with -v, everything with --json)."""
        if as_json:
            print(json.dumps({"id": case.id, "op": case.op, "ok": verdict.ok,
                              "skipped": verdict.status == SKIP, "output": output, "expect": case.expect,
                              **({"reason": verdict.reason} if verdict.reason else {})}), flush=True)
        elif verdict.status == FAIL:
            print(f"FAIL {case.id} [{case.op or '?'}] ({case.source}): {verdict.reason}", flush=True)
        elif verdict.status == SKIP and verbose:
            print(f"SKIP {case.id} [{case.op}]: {verdict.reason}", flush=True)
    return report


def _finish(tally: Tally, as_json: bool) -> int:
    print(tally.summary(), file=sys.stderr if as_json else sys.stdout, flush=True)
    if tally.interrupted:
        print("kubeproof: interrupted", file=sys.stderr)
        return 130
    if tally.malformed:
        return 2
    if tally.passed + tally.failed + tally.skipped == 0:
        print("kubeproof: error: no cases were run (the files hold no cases, or -k matched none)",
              file=sys.stderr)
        return 2
    return 1 if tally.failed else 0


def _selected(args: argparse.Namespace) -> Iterator[Case]:
    text = getattr(args, "select", None)
    for case in read_cases(args.files):
        if not text or case.problem or text in case.id or text in case.op:
            yield case


def _cmd_run(args: argparse.Namespace) -> int:
    tally = judge_cases(_selected(args), lambda c: _safe_evaluate(c.op, c.input if isinstance(c.input, dict) else {}),
                        _reporter(args.json, args.verbose))
    return _finish(tally, args.json)


def _cmd_ops(args: argparse.Namespace) -> int:
    for name in sorted(operations()):
        print(name)
    return 0


# --- check ---------------------------------------------------------------------------------------

class Implementation:
    """Another implementation driven over the serve protocol: one request line, one answer line."""

    def __init__(self, command: str, timeout: float) -> None:
        try:
            argv = shlex.split(command)
        except ValueError as exc:
            raise ModelError("Invalid", f"--impl {command!r}: {exc} (quote the command as a shell would)") from None
        self.command = command
        self.answers = 0
        if not argv:
            raise ModelError("Invalid", "--impl needs a command")
        try:
            self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        except OSError as exc:
            raise ModelError("Invalid", f"--impl: cannot start {argv[0]!r}: {exc.strerror or exc}") from None
        self.timeout = timeout
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.dead = ""
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.strip():  # blank lines are not answers
                self.lines.put(line)
        self.lines.put(None)

    def ask(self, rid: str, op: str, inp: Any) -> Any:
        """Send one request and wait for its answer (an error output once the implementation is gone)."""
        if self.dead:
            return {"error": {"kind": "ImplementationFailed", "message": self.dead}}
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps({"id": rid, "op": op, "input": inp}) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            self.dead = "the implementation closed its input"
            return self.ask(rid, op, inp)
        try:
            line = self.lines.get(timeout=self.timeout)
        except queue.Empty:
            self.dead = f"no answer within {self.timeout:g}s"
            return self.ask(rid, op, inp)
        if line is None:
            try:
                status = self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                status = None
            self.dead = f"the implementation closed its output (exit status {status})"
            return self.ask(rid, op, inp)
        self.answers += 1
        try:
            response = json.loads(line)
        except json.JSONDecodeError:
            return {"error": {"kind": "ImplementationFailed", "message": f"answer is not JSON: {line.strip()[:200]}"}}
        if not isinstance(response, dict) or "output" not in response:
            return {"error": {"kind": "ImplementationFailed", "message": f'answer lacks "output": {line.strip()[:200]}'}}
        if response.get("id") != rid:
            return {"error": {"kind": "ImplementationFailed",
                              "message": f"answer id {response.get('id')!r} does not match request id {rid!r}"}}
        return response["output"]

    def close(self) -> None:
        """Close the implementation's input and wait for it to exit."""
        if self.proc.stdin:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _cmd_check(args: argparse.Namespace) -> int:
    impl = Implementation(args.impl, args.timeout)

    def answer(case: Case) -> Any:
        output = impl.ask(case.id, case.op, case.input)
        if impl.dead and impl.answers == 0:
            # Not one answer: the command is broken (not the semantics); stop rather than fail every case.
            raise ModelError("Invalid", f"--impl {impl.command!r}: {impl.dead} before answering any case; it "
                             "must read one JSON request per line on stdin and answer each with one "
                             '{"id", "output"} line on stdout (see `kubeproof conform serve`)')
        return output

    try:
        tally = judge_cases(_selected(args), answer, _reporter(args.json, args.verbose))
        if tally.interrupted:
            impl.proc.kill()  # the user wants out now, not after the implementation's grace period
    finally:
        impl.close()
    return _finish(tally, args.json)
