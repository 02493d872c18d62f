"""The user documentation (docs/*.md) shows real, current output, and its examples load.

docs/generate.py embeds command outputs between marker comments; these tests re-run the fast ones
(simulate, scenario, conform and file excerpts; not verify, variants and replay) and fail when a doc has drifted
from what the model now prints. Fix a failure with ``python3 docs/generate.py``.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ("after-kubectl-apply.md", "node-dies-mid-rollout.md", "conformance.md", "verification.md")


def _generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_generate", ROOT / "docs" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["docs_generate"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


generate = _generate()


@pytest.mark.parametrize("name", DOCS)
def test_embedded_outputs_are_current(name: str) -> None:
    doc = ROOT / "docs" / name
    assert generate.blocks(doc), f"{name} has no generated blocks"
    _, changed = generate.regenerate(doc, fast=True)
    assert not changed, f"{name} is out of date (run: python3 docs/generate.py): {changed}"


@pytest.mark.parametrize("name", DOCS)
def test_every_block_is_generated_and_closed(name: str) -> None:
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert text.count("<!-- begin:") == text.count("<!-- end -->") == len(generate.blocks(ROOT / "docs" / name))
    for block in generate.blocks(ROOT / "docs" / name):
        assert block.body.strip(), f"{name}: empty block {block.spec!r} (run: python3 docs/generate.py)"


def test_only_the_verification_family_is_left_unchecked() -> None:
    # verify depends on a time budget; its reports and the variants table change with the checkers.
    for name in DOCS:
        for block in generate.blocks(ROOT / "docs" / name):
            if block.slow:
                assert any(w in block.spec for w in (" verify", " variants", "reports/runs/<time>")), block.spec
            else:
                words = block.source.split()
                assert words[0] == "file" or words[1] in ("simulate", "scenario", "conform"), block.spec


def test_lines_option_marks_what_it_leaves_out() -> None:
    lines = [str(i) for i in range(1, 11)]
    assert generate.select_lines(lines, {"lines": "1-2,5-6"}) == ["1", "2", "...", "5", "6", "..."]
    assert generate.select_lines(lines, {"from": "8"}) == ["8", "9", "10"]
    assert generate.select_lines(lines, {"from": "3", "upto": "5"}) == ["3", "4"]


@pytest.mark.parametrize("path", sorted((ROOT / "examples" / "node-failure").glob("web*.yaml")))
def test_example_manifests_load(path: Path) -> None:
    from model.manifests import load_manifests

    objects = load_manifests(path.read_text(encoding="utf-8"), source=str(path))
    assert [type(o).__name__ for o in objects][:1] == ["Deployment"]


@pytest.mark.parametrize("manifest", ["web.yaml", "web-short-tolerations.yaml"])
def test_example_cluster_loads(manifest: str) -> None:
    from model.config import load_config

    here = ROOT / "examples" / "node-failure"
    cfg = load_config([str(here / manifest)], str(here / "cluster.yaml"))
    assert [n.name for n in cfg.nodes] == ["node-1", "node-2", "node-3"]


@pytest.mark.parametrize("path", sorted((ROOT / "examples" / "node-failure").glob("*rollout*.yaml")),
                         ids=lambda p: p.name)
def test_example_scenarios_parse(path: Path) -> None:
    from model.scenario.parse import load_scenario

    scenario = load_scenario(str(path))
    assert scenario.name == path.stem


def test_conformance_example_cases_agree_with_the_model() -> None:
    from model.conformance import evaluate
    from model.conformance.matching import judge

    for line in (ROOT / "examples" / "conformance-impl" / "cases.jsonl").read_text().splitlines():
        case = json.loads(line)
        verdict = judge(case["op"], case["expect"], evaluate(case["op"], case["input"]))
        assert verdict.status == "pass", (case["id"], verdict)


def test_conformance_example_impl_answers_unsupported_for_other_ops() -> None:
    request = json.dumps({"id": 7, "op": "labels.parse", "input": {"selector": "a=b"}})
    out = subprocess.run([sys.executable, str(ROOT / "examples" / "conformance-impl" / "impl.py")],
                         input=request + "\n", capture_output=True, text=True, check=True).stdout
    answer = json.loads(out)
    assert answer["id"] == 7 and answer["output"]["error"]["kind"] == "Unsupported"


def test_itf_reader_decodes_the_itf_forms() -> None:
    spec = importlib.util.spec_from_file_location("read_itf", ROOT / "examples" / "verification" / "read_itf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    itf = {"m": {"#map": [[["a", "b"], {"#bigint": "12"}]]}, "x": {"#tup": [1, {"#set": []}]}}
    assert module.decode(itf) == {"m": {("a", "b"): 12}, "x": (1, [])}


@pytest.mark.parametrize("name", (*DOCS, "README.md"))
def test_relative_links_resolve(name: str) -> None:
    import re

    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
        assert (ROOT / "docs" / target).exists(), f"{name}: broken link {target}"


@pytest.mark.parametrize("name", DOCS)
def test_example_paths_named_in_docs_exist(name: str) -> None:
    import re

    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    for path in set(re.findall(r"\bexamples/[\w./-]+\.(?:yaml|py|jsonl)\b", text)):
        assert (ROOT / path).exists(), f"{name}: {path} does not exist"
