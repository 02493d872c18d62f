"""The committed gallery of counterexamples: one trace per known-bad variant.

``python3 -m checkers.gallery`` regenerates ``reports/gallery/<variant>.itf.json`` and ``.md``: for
each variant of ``checkers.systemspec.EXPECTED`` the bounded model checker explores the variant's
setup and keeps the shortest counterexample to the property that must catch it. A test
(tests/test_gallery.py) fails when the committed files no longer match what the checkers produce.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from checkers import bmc
from checkers.systemspec import EXPECTED, build_system, spec_for
from checkers.traces import dump_itf, render_markdown, trace_to_itf, write_atomic

GALLERY = Path(__file__).resolve().parent.parent / "reports" / "gallery"
BOUND = 40
LIVENESS_BOUND = 12  # a lasso found at depth n needs n + 1 (its stuck state explored)


def counterexample(variant: str) -> Any:
    """The shortest counterexample of ``variant`` (a checker Result)."""
    import invariants

    setup, prop_name = EXPECTED[variant]
    prop = invariants.get(prop_name)
    model = build_system(variant, setup)
    bound = LIVENESS_BOUND if prop.kind == "eventually" else BOUND
    report = bmc.check(model, [prop], bound=bound)
    return report.results[prop_name]


def produce(variant: str) -> tuple[dict[str, Any], str]:
    """The gallery entry of ``variant``: (ITF document, Markdown)."""
    import invariants
    from model.variants import VARIANTS

    setup, prop_name = EXPECTED[variant]
    result = counterexample(variant)
    if result.trace is None:
        raise RuntimeError(f"{variant}: no counterexample to {prop_name} ({result.status}: {result.detail})")
    v = VARIANTS[variant]
    description = f"variant {variant}: {v.description} — breaks {prop_name}"
    doc = trace_to_itf(result.trace, spec_for(variant, setup), description=description,
                       extra_meta={"variant": variant, "setup": setup})
    md = render_markdown(doc, title=f"{variant}: {prop_name} violated", doc=invariants.get(prop_name).doc)
    return doc, md


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or list(EXPECTED)
    for name in names:
        doc, md = produce(name)
        write_atomic(GALLERY / f"{name}.itf.json", dump_itf(doc))
        write_atomic(GALLERY / f"{name}.md", md)
        print(f"{name}: {len(doc['states']) - 1} steps -> reports/gallery/{name}.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
