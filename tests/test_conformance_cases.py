"""Every case in tests/conformance_cases/*.jsonl, judged against the model.

One test per case: a failing case fails its test; an Unsupported answer is reported as a skip (never
as a pass); a case line that cannot be read fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checkers.conform_cli import Case, read_cases
from model.conformance import evaluate
from model.conformance.matching import FAIL, SKIP, judge

CASES_DIR = Path(__file__).parent / "conformance_cases"


def _cases() -> list[Case]:
    return list(read_cases(str(p) for p in sorted(CASES_DIR.glob("*.jsonl"))))


_ALL = _cases()


@pytest.mark.parametrize("case", _ALL, ids=[f"{Path(c.source).name}:{c.id}" for c in _ALL])
def test_case(case: Case) -> None:
    assert not case.problem, f"{case.source}: {case.problem}"
    output = evaluate(case.op, case.input)
    verdict = judge(case.op, case.expect, output)
    if verdict.status == SKIP:
        pytest.skip(f"{case.op}: {verdict.reason}")
    assert verdict.status != FAIL, f"{case.id} ({case.source}): {verdict.reason}"


def test_case_ids_are_unique_per_file() -> None:
    seen: dict[tuple[str, str], str] = {}
    for case in _ALL:
        key = (Path(case.source.rsplit(":", 1)[0]).name, case.id)
        assert key not in seen, f"duplicate case id {case.id} at {case.source} and {seen[key]}"
        seen[key] = case.source
