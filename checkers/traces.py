"""Counterexample traces as ITF JSON and Markdown, and their replay through the model.

ITF is the Informal Trace Format of Apalache and Quint: ``{"#meta", "vars", "states", "loop"?}``.
Each state is a record of the model's state variables plus ``mbt::actionTaken`` (the ``str`` of the
action that led to it; ``"init"`` for the first). Values: integers as ``{"#bigint": "3"}``, sets
``{"#set": [...]}``, maps (sorted pairs, such as labels) ``{"#map": [[k, v], ...]}``, records as
JSON objects with Kubernetes' camelCase field names (unset fields left out), tuples as arrays. A
lasso (liveness counterexample) has ``loop``: after the last state the run continues at
``states[loop]`` forever (the last state equals that one, up to symmetry).

``#meta.model`` records how to rebuild the model (``checkers.modelspec``) and ``#meta.property``
what was violated, so ``kubeproof replay FILE.itf.json`` can re-execute the recorded actions and
confirm the violation.

The Markdown rendering has a step table that shows only what changed, and a Mermaid
``sequenceDiagram`` whose participants are the user, the API server, the controllers, the
scheduler and the kubelets; faults and time appear as notes; a lasso's cycle is a ``loop`` block.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from checkers.modelspec import ModelSpec
from checkers.results import Trace
from model.errors import ModelError

ITF_ACTION = "mbt::actionTaken"
FORMAT_DESCRIPTION = "https://apalache-mc.org/docs/adr/015adr-trace.html"

# ----------------------------------------------------------------------------------------------
# values -> ITF


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _is_pairs(value: tuple[Any, ...]) -> bool:
    return bool(value) and all(
        isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) and not dataclasses.is_dataclass(v[1])
        for v in value)


def to_itf(value: Any) -> Any:
    """A model value as an ITF value."""
    if value is None:
        return {"#unserializable": "None"}
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return {"#bigint": str(value)}
    if isinstance(value, float):
        return {"#unserializable": repr(value)}
    if isinstance(value, str):
        return value
    if isinstance(value, enum.Enum):
        return str(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            if not f.compare or f.name.startswith("_"):
                continue  # caches (e.g. a memoised hash) are not state
            v = getattr(value, f.name)
            if v is None or v == () or v == "":
                continue
            out[_camel(f.name)] = to_itf(v)
        return out
    if isinstance(value, dict):
        return {"#map": [[to_itf(k), to_itf(v)] for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))]}
    if isinstance(value, frozenset | set):
        items = [to_itf(v) for v in value]
        return {"#set": sorted(items, key=lambda x: json.dumps(x, sort_keys=True))}
    if isinstance(value, tuple | list):
        if isinstance(value, tuple) and _is_pairs(value):
            return {"#map": [[k, to_itf(v)] for k, v in value]}
        return [to_itf(v) for v in value]
    return {"#unserializable": repr(value)}


def state_vars(state: Any) -> dict[str, Any]:
    """The state variables of one state (a dataclass's fields; anything else is one ``state`` var)."""
    if dataclasses.is_dataclass(state) and not isinstance(state, type):
        return {_camel(f.name): to_itf(getattr(state, f.name)) for f in dataclasses.fields(state)
                if f.compare and not f.name.startswith("_")}
    return {"state": to_itf(state)}


def trace_to_itf(trace: Trace, spec: ModelSpec | None, *, description: str = "",
                 symmetry: bool = False, extra_meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """A ``Trace`` as an ITF document."""
    states = []
    for i, st in enumerate(trace.states):
        rec: dict[str, Any] = {"#meta": {"index": i}}
        rec.update(state_vars(st))
        rec[ITF_ACTION] = "init" if i == 0 else str(trace.actions[i - 1])
        states.append(rec)
    actors = [{"actor": str(getattr(a, "actor", "")), "category": str(getattr(a, "category", ""))}
              for a in trace.actions]
    meta: dict[str, Any] = {
        "format": "ITF",
        "format-description": FORMAT_DESCRIPTION,
        "source": "kubeproof",
        "description": description or f"{trace.kind} property {trace.property} violated",
        "property": trace.property,
        "kind": trace.kind,
        "symmetry": symmetry,
        "actors": actors,
    }
    if trace.note:
        meta["note"] = trace.note
    if spec is not None:
        meta["model"] = spec.to_json()
    if extra_meta:
        meta.update(extra_meta)
    vars_ = [k for k in states[0] if k != "#meta"] if states else []
    doc: dict[str, Any] = {"#meta": meta, "vars": vars_, "states": states}
    if trace.loop is not None:
        doc["loop"] = trace.loop
    return doc


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and ``os.replace`` (never half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dump_itf(doc: dict[str, Any]) -> str:
    """ITF text: one state per line (compact, yet diffable line by line)."""
    head = {k: v for k, v in doc.items() if k != "states"}
    lines = ["{", f' "#meta": {json.dumps(head.get("#meta", {}), ensure_ascii=False)},',
             f' "vars": {json.dumps(head.get("vars", []), ensure_ascii=False)},']
    if "loop" in head:
        lines.append(f' "loop": {json.dumps(head["loop"])},')
    lines.append(' "states": [')
    states = doc.get("states", [])
    for i, st in enumerate(states):
        sep = "," if i + 1 < len(states) else ""
        lines.append("  " + json.dumps(st, ensure_ascii=False, separators=(",", ":")) + sep)
    lines += [" ]", "}"]
    return "\n".join(lines) + "\n"


def write_trace(trace: Trace, spec: ModelSpec | None, stem: Path, *, title: str = "", doc: str = "",
                symmetry: bool = False, extra_meta: dict[str, Any] | None = None) -> tuple[Path, Path]:
    """Write ``stem.itf.json`` and ``stem.md``; returns both paths."""
    itf = trace_to_itf(trace, spec, symmetry=symmetry, extra_meta=extra_meta)
    itf_path = stem.with_name(stem.name + ".itf.json")
    md_path = stem.with_name(stem.name + ".md")
    write_atomic(itf_path, dump_itf(itf))
    write_atomic(md_path, render_markdown(itf, title=title, doc=doc))
    return itf_path, md_path


# Only kubeproof's own model factories may be rebuilt from a trace: ``#meta.model`` names a callable
# to import and call, and a trace is user input (a file from elsewhere must not run arbitrary code).
REPLAYABLE_MODULE_PREFIX = "checkers."
REPLAYABLE_CALLABLES = ("build", "build_system")
PROPERTY_KINDS = ("always", "eventually", "sometimes")


def load_itf(path: Path) -> dict[str, Any]:
    """Read a kubeproof ITF trace. Anything else (a missing, empty, truncated, binary or non-JSON file,
    JSON of another shape, an ITF trace another tool wrote) is a ``ModelError`` naming the file and what
    is wrong, as one line: ``FILE: not a kubeproof trace (<why>)``."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ModelError("NotFound", f"{path}: no such trace file") from None
    except IsADirectoryError:
        raise ModelError("Invalid", f"{path}: is a directory, not a trace file (FILE.itf.json)") from None
    except OSError as exc:
        raise ModelError("Invalid", f"{path}: cannot read: {exc.strerror or exc}") from None

    def bad(why: str) -> ModelError:
        return ModelError("Invalid", f"{path}: not a kubeproof trace ({why})")

    if not raw.strip():
        raise bad("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad(f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise bad(f"not JSON: {exc.msg}: line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise bad("not JSON this reader accepts: nested too deeply") from None
    problem = itf_problem(data)
    if problem:
        raise bad(problem)
    return data


def itf_problem(doc: Any) -> str | None:
    """What keeps ``doc`` from being a kubeproof ITF trace that ``replay`` can re-execute, or None."""
    if not isinstance(doc, dict):
        return f"expected a JSON object with \"#meta\" and \"states\", got {_json_type(doc)}"
    states = doc.get("states")
    if not isinstance(states, list) or not states:
        return "needs a non-empty \"states\" list"
    for i, st in enumerate(states):
        if not isinstance(st, dict):
            return f"states[{i}] is {_json_type(st)}, not an object"
        if i and not isinstance(st.get(ITF_ACTION), str):
            return f"states[{i}] has no \"{ITF_ACTION}\" string"
    meta = doc.get("#meta")
    model = meta.get("model") if isinstance(meta, dict) else None
    if not isinstance(meta, dict) or not isinstance(model, dict) or not isinstance(model.get("factory"), str):
        if isinstance(meta, dict) and str(meta.get("description", "")).startswith("kubeproof scenario "):
            return ("a scenario's run from `kubeproof scenario run --trace`: it records no model to replay; "
                    "run the scenario again instead")
        return "no \"#meta.model\" record of the model that produced it; an ITF trace of another tool?"
    factory = model["factory"]
    module, _, attr = factory.partition(":")
    if not module.startswith(REPLAYABLE_MODULE_PREFIX) or attr not in REPLAYABLE_CALLABLES:
        return f"\"#meta.model.factory\" is {factory!r}, not one of kubeproof's models"
    args = model.get("args", {})
    if args is not None and not isinstance(args, dict):
        return f"\"#meta.model.args\" is {_json_type(args)}, not an object"
    variant = (args or {}).get("variant")
    if variant is not None and factory == "checkers.systemspec:build_system":
        from model.variants import VARIANTS

        if variant not in VARIANTS:
            return f"\"#meta.model.args.variant\" is {_short_json(variant)}, a variant this kubeproof does not have"
    if not isinstance(meta.get("property"), str) or not meta["property"]:
        return "no \"#meta.property\" naming the property it violates"
    kind = meta.get("kind", "always")
    if kind not in PROPERTY_KINDS:
        return f"\"#meta.kind\" is {_short_json(kind)}; expected one of {', '.join(PROPERTY_KINDS)}"
    loop = doc.get("loop")
    if loop is not None and (isinstance(loop, bool) or not isinstance(loop, int) or not 0 <= loop < len(states)):
        return f"\"loop\" is {_short_json(loop)}; expected the index of a state (0 to {len(states) - 1})"
    return None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _short_json(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


# ----------------------------------------------------------------------------------------------
# ITF -> readable changes


def _is_key(value: Any) -> bool:
    return isinstance(value, list) and 0 < len(value) <= 4 and all(isinstance(x, str) for x in value)


def _is_row(value: Any) -> bool:
    """A small tuple of scalars (e.g. ``(kind, name, millicores)``), shown on one line."""
    return isinstance(value, list) and 0 < len(value) <= 5 and all(
        isinstance(x, str | bool) or (isinstance(x, dict) and "#bigint" in x) for x in value)


def _is_keyed_pair(value: Any) -> bool:
    """A store or cache entry: ``[[kind, namespace, name], object]``."""
    return isinstance(value, list) and len(value) == 2 and _is_key(value[0]) and isinstance(value[1], dict)


def _name_of(value: Any) -> str | None:
    if _is_keyed_pair(value):
        return "/".join(k for k in value[0] if k)
    if isinstance(value, dict):
        meta = value.get("metadata")
        if isinstance(meta, dict) and isinstance(meta.get("name"), str):
            ns = meta.get("namespace")
            return f"{ns}/{meta['name']}" if isinstance(ns, str) and ns else meta["name"]
        if isinstance(value.get("name"), str):
            return value["name"]
    return None


def _scalar(value: Any) -> str:
    if isinstance(value, dict):
        if "#bigint" in value:
            return str(value["#bigint"])
        if "#unserializable" in value:
            return str(value["#unserializable"])
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Paths to leaves; lists of named records are keyed by name (``pods[web-1].status.phase``)."""
    out: dict[str, Any] = {}
    if isinstance(value, dict) and "#map" in value:
        for k, v in value["#map"]:
            out.update(flatten(v, f"{prefix}[{_scalar(k)}]"))
        if not value["#map"]:
            out[prefix] = "{}"
        return out
    if isinstance(value, dict) and "#set" in value:
        out[prefix] = "{" + ", ".join(_scalar(v) for v in value["#set"]) + "}"
        return out
    if isinstance(value, dict) and ("#bigint" in value or "#unserializable" in value):
        out[prefix] = _scalar(value)
        return out
    if isinstance(value, dict):
        for k, v in value.items():
            if k.startswith("#"):
                continue
            out.update(flatten(v, f"{prefix}.{k}" if prefix else k))
        return out
    if isinstance(value, list):
        names = [_name_of(v) for v in value]
        if value and all(_is_key(v) for v in value):
            out[prefix] = "[" + ", ".join("/".join(k for k in v if k) for v in value) + "]"
        elif value and all(isinstance(v, str) for v in value):
            out[prefix] = "[" + ", ".join(value) + "]"
        elif value and all(_is_row(v) for v in value):
            out[prefix] = "[" + ", ".join("(" + ", ".join(_scalar(x) for x in v) + ")" for v in value) + "]"
        elif value and all(names) and len(set(names)) == len(names):
            for n, v in zip(names, value, strict=True):
                out.update(flatten(v[1] if _is_keyed_pair(v) else v, f"{prefix}[{n}]"))
        elif not value:
            out[prefix] = "[]"
        else:
            for i, v in enumerate(value):
                out.update(flatten(v, f"{prefix}[{i}]"))
        return out
    out[prefix] = _scalar(value)
    return out


def _objects(state: dict[str, Any]) -> dict[str, Any]:
    """Named objects in a state, by ``var[name]`` path, to report creations and deletions whole."""
    found: dict[str, Any] = {}

    def walk(value: Any, prefix: str) -> None:
        if isinstance(value, list):
            names = [_name_of(v) for v in value]
            if value and all(names) and len(set(names)) == len(names):
                for n, v in zip(names, value, strict=True):
                    found[f"{prefix}[{n}]"] = v
                    walk(v[1] if _is_keyed_pair(v) else v, f"{prefix}[{n}]")  # nested collections (caches)
                return
        if isinstance(value, dict) and not any(k.startswith("#") for k in value):
            for k, v in value.items():
                walk(v, f"{prefix}.{k}" if prefix else k)

    for k, v in state.items():
        if not k.startswith("#") and k != ITF_ACTION:
            walk(v, k)
    return found


def _outermost(paths: list[str]) -> list[str]:
    """Drop paths inside another path of the list (a created pod's containers are part of it)."""
    return [p for p in paths if not any(p != q and p.startswith(q) and p[len(q)] in ".[" for q in paths)]


def changes(before: dict[str, Any], after: dict[str, Any], limit: int = 14) -> list[str]:
    """What changed from one ITF state to the next, as short lines."""
    lines: list[str] = []
    ob, oa = _objects(before), _objects(after)
    created = _outermost([k for k in oa if k not in ob])
    deleted = _outermost([k for k in ob if k not in oa])
    for k in created:
        lines.append(f"+ {k}")
    for k in deleted:
        lines.append(f"− {k}")
    skip = tuple(created) + tuple(deleted)
    fb = {k: v for k, v in flatten({k: v for k, v in before.items() if k != ITF_ACTION and k != "#meta"}).items()
          if not k.startswith(skip)}
    fa = {k: v for k, v in flatten({k: v for k, v in after.items() if k != ITF_ACTION and k != "#meta"}).items()
          if not k.startswith(skip)}
    empty = ("[]", "{}", None)
    for k in sorted(set(fb) | set(fa)):
        if fb.get(k) != fa.get(k):
            if fb.get(k) in empty and fa.get(k) in empty:
                continue  # an empty collection appearing or filling up: its items are listed
            lines.append(f"{k}: {fb.get(k, '∅')} → {fa.get(k, '∅')}")
    if len(lines) > limit:
        lines = [*lines[:limit], f"… {len(lines) - limit} more"]
    return lines


# ----------------------------------------------------------------------------------------------
# Markdown + Mermaid

PARTICIPANTS = (("user", "user"), ("api", "API server"), ("ctrl", "controllers"), ("sched", "scheduler"),
                ("kubelet", "kubelets"))


def _participant(actor: str, category: str) -> str:
    a = actor.lower()
    if category == "user" or a == "user":
        return "user"
    if a.startswith("sched"):
        return "sched"
    if a.startswith("kubelet") or a.startswith("node-") or a.startswith("node/"):
        return "kubelet"
    return "ctrl"


def _mermaid_text(text: str) -> str:
    return text.replace(";", ",").replace("#", "").replace("\n", " ")


def render_mermaid(doc: dict[str, Any]) -> str:
    states = doc["states"]
    actors = doc.get("#meta", {}).get("actors") or []
    loop = doc.get("loop")
    lines = ["sequenceDiagram"]
    for pid, label in PARTICIPANTS:
        lines.append(f"    participant {pid} as {label}")
    for i in range(1, len(states)):
        if loop is not None and i == loop + 1:
            lines.append("    loop forever (lasso)")
        info = actors[i - 1] if i - 1 < len(actors) else {}
        action = _mermaid_text(str(states[i].get(ITF_ACTION, "")))
        category = info.get("category", "")
        indent = "        " if loop is not None and i > loop else "    "
        if category == "fault":
            lines.append(f"{indent}Note over api,kubelet: {i}. fault: {action}")
        elif category == "time":
            lines.append(f"{indent}Note over user,kubelet: {i}. {action}")
        elif info.get("actor", "") == "apiserver":
            # a watch event delivered to a cache: the API server talks to the process
            to = "sched" if "sched" in action.lower() else "ctrl"
            lines.append(f"{indent}api-->>{to}: {i}. {action}")
        else:
            who = _participant(info.get("actor", ""), category)
            lines.append(f"{indent}{who}->>api: {i}. {action}")
    if loop is not None:
        if loop + 1 >= len(states):
            lines.append("    loop forever (lasso)")
            lines.append("        Note over user,kubelet: nothing can happen any more (stutter)")
        lines.append("    end")
    return "\n".join(lines)


def render_markdown(itf: dict[str, Any], *, title: str = "", doc: str = "") -> str:
    """A trace as Markdown: a summary, the sequence diagram and a step table of what changed."""
    raise_if_not_itf(itf)
    meta = itf.get("#meta", {})
    states = itf["states"]
    prop = meta.get("property", "")
    kind = meta.get("kind", "")
    loop = itf.get("loop")
    out = [f"# {title or f'{prop} violated'}", ""]
    if meta.get("description"):
        out += [str(meta["description"]), ""]
    info = [f"* property: `{prop}` ({kind})", f"* steps: {len(states) - 1}"]
    if loop is not None:
        info.append(f"* lasso: after step {len(states) - 1} the run returns to state {loop} forever")
    model = meta.get("model")
    if model:
        info.append(f"* model: `{model.get('factory')}` {json.dumps(model.get('args', {}), sort_keys=True)}")
    if meta.get("note"):
        info.append(f"* {meta['note']}")
    out += info + [""]
    if doc:
        out += ["> " + line if line else ">" for line in doc.strip().splitlines()] + [""]
    out += ["```mermaid", render_mermaid(itf), "```", ""]
    out += ["| # | actor | action | what changed |", "|---|---|---|---|"]
    actors = meta.get("actors") or []
    for i in range(1, len(states)):
        a = actors[i - 1] if i - 1 < len(actors) else {}
        who = a.get("actor", "") or a.get("category", "")
        diff = changes(states[i - 1], states[i]) or ["(no change)"]
        cells = "<br>".join(_md_cell(d) for d in diff)
        mark = " ↺" if loop is not None and i == loop + 1 else ""
        out.append(f"| {i}{mark} | {_md_cell(who)} | `{_md_cell(str(states[i].get(ITF_ACTION, '')))}` | {cells} |")
    out += ["", "Replay: `python3 -m checkers.cli replay <this file>.itf.json`", ""]
    return "\n".join(out)


def raise_if_not_itf(doc: Any) -> None:
    if not isinstance(doc, dict) or not isinstance(doc.get("states"), list) or not doc["states"]:
        raise ModelError("Invalid", "not an ITF trace (needs a non-empty \"states\" list)", field="states")


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# ----------------------------------------------------------------------------------------------
# replay


@dataclasses.dataclass(frozen=True)
class ReplayOutcome:
    confirmed: bool
    message: str
    steps: int


def replay(doc: dict[str, Any], *, properties: Sequence[Any] | None = None,
           key: Callable[[Any, Any], Any] | None = None) -> ReplayOutcome:
    """Re-execute the recorded actions through the model rebuilt from ``#meta.model`` and confirm that
    every state matches the recording and that the recorded property is violated."""
    raise_if_not_itf(doc)
    meta = doc.get("#meta") or {}
    spec = ModelSpec.from_json(meta.get("model"))
    try:
        model = spec.build()
    except TypeError as exc:  # arguments the factory does not take: a trace of another version
        raise ModelError("Invalid", f"#meta.model.args do not fit {spec.factory}: {exc}",
                         field="#meta.model.args") from None
    prop_name = meta.get("property", "")
    kind = meta.get("kind", "always")
    if properties is None:
        properties = properties_for(model)
    prop = next((p for p in properties if p.name == prop_name), None)
    if prop is None:
        raise ModelError("Invalid", f"trace names an unknown property {prop_name!r}", field="#meta.property")
    recorded = doc["states"]
    canon = (lambda s: key(model, s)) if (key is not None and meta.get("symmetry")) else None
    inits = list(model.init_states())
    first = _strip(recorded[0])
    state = next((s for s in inits if state_vars(s) == first), None)
    if state is None:
        return ReplayOutcome(False, "the first state is not an initial state of the model", 0)
    states = [state]
    actions = []
    for i in range(1, len(recorded)):
        text = recorded[i].get(ITF_ACTION)
        action = next((a for a in model.actions(state) if str(a) == text), None)
        if action is None:
            return ReplayOutcome(False, f"step {i}: action {text!r} is not enabled", i)
        state = model.step(state, action)
        if state_vars(state) != _strip(recorded[i]):
            return ReplayOutcome(False, f"step {i}: the state after {text!r} differs from the recording", i)
        states.append(state)
        actions.append(action)
    n = len(states) - 1
    if kind == "always":
        if not prop.holds(model, states[-1]):
            return ReplayOutcome(True, f"confirmed: {prop_name} is false in state {n}", n)
        if n and not prop.check_step(model, states[-2], actions[-1], states[-1]):
            return ReplayOutcome(True, f"confirmed: step {n} ({actions[-1]}) breaks {prop_name}", n)
        return ReplayOutcome(False, f"{prop_name} holds at the end of the trace", n)
    if kind == "eventually":
        loop = doc.get("loop")
        if loop is None:
            return ReplayOutcome(False, "a liveness trace needs a loop", n)
        same = (canon(states[-1]) == canon(states[loop])) if canon else states[-1] == states[loop]
        if loop != n and not same:
            return ReplayOutcome(False, f"the last state does not return to state {loop}", n)
        cycle = states[loop:] if loop != n else [states[n]]
        if all(prop.holds(model, s) for s in cycle):
            return ReplayOutcome(False, f"{prop_name} holds all along the loop", n)
        unfair = _unfair_actions(model, cycle, actions[loop:] if loop != n else [])
        if unfair:
            return ReplayOutcome(False, f"the loop is not fair: {unfair[0]} is always enabled but never taken", n)
        return ReplayOutcome(True, f"confirmed: a fair loop from state {loop} on which {prop_name} fails", n)
    if kind == "sometimes":
        if prop.holds(model, states[-1]):
            return ReplayOutcome(True, f"confirmed: witness for {prop_name} at state {n}", n)
        return ReplayOutcome(False, f"{prop_name} does not hold at the end of the witness", n)
    return ReplayOutcome(False, f"unknown property kind {kind!r}", n)


def _unfair_actions(model: Any, cycle: list[Any], taken: list[Any]) -> list[str]:
    fair = {"controller", "time"}
    common: set[str] | None = None
    for s in cycle:
        en = {str(a) for a in model.actions(s) if getattr(a, "category", "controller") in fair}
        common = en if common is None else common & en
    taken_text = {str(a) for a in taken}
    return sorted((common or set()) - taken_text)


def _strip(rec: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in rec.items() if k != "#meta" and k != ITF_ACTION}


def properties_for(model: Any) -> Sequence[Any]:
    """The properties a model is checked against: its own (toy models) or the invariants catalogue."""
    own = getattr(model, "properties", None)
    if callable(own):
        return tuple(own())
    from checkers.toy import ToyModel, toy_properties

    if isinstance(model, ToyModel):
        return toy_properties()
    from invariants import all_properties

    return all_properties()
