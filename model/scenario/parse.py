"""Load and validate a scenario file (``docs/spec/SCENARIOS.md``, "File format" and "Step kinds").

A file that does not follow the language is reported as one ``ScenarioFileError`` listing every
problem as ``FILE: steps[i].<kind>.<field>: what is wrong`` — never a traceback. Manifests inside
``apply`` steps are checked here too (YAML syntax, ``kind``, ``metadata.name``, and, when
``model.manifests`` is available, Kubernetes' own validation), after ``${alias}`` placeholders
have been replaced by a stand-in name.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from model.errors import ModelError
from model.scenario import schema
from model.scenario.schema import ListOf, Mapping, OneOf, Scalar

ALIAS = re.compile(r"\$\{([A-Za-z0-9_-]+)(\.pod)?\}")
# What an alias stands for while a file is validated (a valid DNS-1123 name).
ALIAS_STAND_IN = "alias-stand-in"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (a path like ``steps[2].scale.replicas``) and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ScenarioFileError(ModelError):
    """A scenario file that cannot be run, with every problem found in it."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        text = "\n".join(f"{path}: {p}" for p in problems)
        super().__init__("Invalid", text, field=problems[0].where if problems else None)


@dataclass(frozen=True)
class Step:
    """One step: its position (0-based, as in ``steps[i]``), optional id, kind and argument."""

    index: int
    kind: str
    arg: Any
    id: str | None = None

    @property
    def where(self) -> str:
        return f"steps[{self.index}]"

    def label(self) -> str:
        """How reports name the step: ``steps[3] waitFor (id rollout)``."""
        ident = f" (id {self.id})" if self.id else ""
        return f"steps[{self.index}] {self.kind}{ident}"


@dataclass(frozen=True)
class ClusterNode:
    """A node of ``cluster.nodes``."""

    name: str
    cpu: str | None = None
    memory: str | None = None
    labels: tuple[tuple[str, str], ...] = ()
    pods: int | None = None


@dataclass(frozen=True)
class Scenario:
    path: str
    name: str
    source: str
    summary: str
    adaptation: str | None
    nodes: tuple[ClusterNode, ...]
    steps: tuple[Step, ...]
    step_ids: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# shape checking


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _fits_outer(shape: Any, value: Any) -> bool:
    if isinstance(shape, Mapping):
        return isinstance(value, dict)
    if isinstance(shape, ListOf):
        return isinstance(value, list)
    if isinstance(shape, Scalar):
        return not _check_scalar(shape, value, "", [])  # no problems
    return False


def check_shape(shape: Any, value: Any, where: str, out: list[Problem]) -> None:
    """Append to ``out`` every way ``value`` departs from ``shape``."""
    if isinstance(shape, OneOf):
        for option in shape.options:
            if _fits_outer(option, value):
                check_shape(option, value, where, out)
                return
        wanted = " or ".join(_describe(o) for o in shape.options)
        out.append(Problem(where, f"expected {wanted}, got {_type_name(value)}"))
        return
    if isinstance(shape, ListOf):
        if not isinstance(value, list):
            out.append(Problem(where, f"expected a list, got {_type_name(value)}"))
            return
        for i, item in enumerate(value):
            check_shape(shape.item, item, f"{where}[{i}]", out)
        return
    if isinstance(shape, Mapping):
        if not isinstance(value, dict):
            out.append(Problem(where, f"expected a mapping, got {_type_name(value)}"))
            return
        for key in value:
            if key == "notes" and shape.notes:
                continue
            if key not in shape.keys:
                known = ", ".join(sorted(shape.keys))
                out.append(Problem(f"{where}.{key}", f"unknown field (known: {known})"))
        for key in shape.required:
            if key not in value:
                out.append(Problem(f"{where}.{key}", "required field missing"))
        for group in shape.one_of:
            present = [k for k in group if k in value]
            if len(present) != 1:
                names = " or ".join(group)
                what = "missing" if not present else f"given together ({', '.join(present)})"
                out.append(Problem(f"{where}.{group[0]}", f"exactly one of {names} is required; {what}"))
        for key, sub in shape.keys.items():
            if key in value:
                check_shape(sub, value[key], f"{where}.{key}", out)
        return
    if isinstance(shape, Scalar):
        _check_scalar(shape, value, where, out)
        return
    raise TypeError(f"unknown shape {shape!r}")  # pragma: no cover - a bug in schema.py


def _describe(shape: Any) -> str:
    if isinstance(shape, Mapping):
        return "a mapping"
    if isinstance(shape, ListOf):
        return "a list"
    if isinstance(shape, Scalar):
        return {"str": "a string", "int": "an integer", "bool": "a boolean", "null": "nothing",
                "map": "a mapping", "labels": "a label map", "text": "text"}.get(shape.type, shape.type)
    return "a value"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_scalar(shape: Scalar, value: Any, where: str, out: list[Problem]) -> list[Problem]:
    start = len(out)
    t = shape.type
    if t == "any" or t == "text":
        pass
    elif t == "scalar":
        if isinstance(value, dict | list) or value is None:
            out.append(Problem(where, f"expected a single value, got {_type_name(value)}"))
    elif t == "null":
        if value is not None:
            out.append(Problem(where, f"expected nothing, got {_type_name(value)}"))
    elif t == "str":
        if not isinstance(value, str):
            out.append(Problem(where, f"expected a string, got {_type_name(value)}"))
    elif t == "int":
        if not _is_int(value):
            out.append(Problem(where, f"expected an integer, got {_type_name(value)}"))
        elif value < 0:
            out.append(Problem(where, f"must be >= 0, got {value}"))
    elif t == "bool":
        if not isinstance(value, bool):
            out.append(Problem(where, f"expected true or false, got {_type_name(value)}"))
    elif t == "revision":
        if not (isinstance(value, str) or _is_int(value)):
            out.append(Problem(where, f"expected a revision string, got {_type_name(value)}"))
    elif t == "quantity":
        if not (isinstance(value, str) or _is_int(value) or isinstance(value, float)):
            out.append(Problem(where, f"expected a quantity, got {_type_name(value)}"))
        else:
            # a node's capacity: a quantity the API server would accept, never negative
            from model.quantity import parse_quantity

            try:
                if parse_quantity(value) < 0:
                    out.append(Problem(where, f"Invalid value: {json.dumps(value)}: must be greater than or equal to 0"))
            except ModelError as exc:
                out.append(Problem(where, f"Invalid value: {json.dumps(value)}: {exc.message}"))
    elif t == "map":
        if not isinstance(value, dict):
            out.append(Problem(where, f"expected a mapping, got {_type_name(value)}"))
    elif t == "labels":
        if not isinstance(value, dict):
            out.append(Problem(where, f"expected a label map, got {_type_name(value)}"))
        else:
            for k, v in value.items():
                if not isinstance(k, str) or isinstance(v, dict | list) or v is None:
                    out.append(Problem(f"{where}.{k}", "label values must be strings"))
    elif t == "number":
        if _is_int(value):
            pass
        elif isinstance(value, dict):
            for k, v in value.items():
                if k == "notes":
                    continue
                if k not in ("min", "max"):
                    out.append(Problem(f"{where}.{k}", "unknown field (known: max, min)"))
                elif not _is_int(v):
                    out.append(Problem(f"{where}.{k}", f"expected an integer, got {_type_name(v)}"))
            if "min" not in value and "max" not in value:
                out.append(Problem(where, "a range needs min or max"))
        else:
            out.append(Problem(where, f"expected an integer or {{min, max}}, got {_type_name(value)}"))
    else:  # pragma: no cover - a bug in schema.py
        raise TypeError(f"unknown scalar type {t}")
    if shape.choices and value not in shape.choices and len(out) == start:
        out.append(Problem(where, f"must be one of {', '.join(map(str, shape.choices))}, got {value!r}"))
    return out[start:]


# ---------------------------------------------------------------------------------------------
# manifests


def split_manifests(arg: Any) -> list[Any]:
    """An ``apply`` argument as a list of parsed documents (``None`` documents dropped, the items
    of a ``kind: List`` document expanded, as kubectl does)."""
    if isinstance(arg, str):
        docs = [d for d in yaml.safe_load_all(arg) if d is not None]
    elif isinstance(arg, list):
        docs = list(arg)
    else:
        docs = [arg]
    out: list[Any] = []
    for d in docs:
        if isinstance(d, dict) and d.get("kind") == "List" and isinstance(d.get("items"), list):
            out.extend(d["items"])
        else:
            out.append(d)
    return out


def check_manifests(arg: Any, where: str, out: list[Problem]) -> None:
    """YAML syntax, ``kind``/``metadata.name``, and the model's own manifest validation."""
    text = substitute(arg, {}, stand_in=True)
    try:
        docs = split_manifests(text)
    except yaml.YAMLError as exc:
        out.append(Problem(where, f"manifest is not valid YAML: {_yaml_message(exc)}"))
        return
    if not docs:
        out.append(Problem(where, "no manifest given"))
        return
    for i, doc in enumerate(docs):
        at = f"{where}[{i}]" if len(docs) > 1 else where
        if not isinstance(doc, dict):
            out.append(Problem(at, f"a manifest must be a mapping, got {_type_name(doc)}"))
            continue
        kind = doc.get("kind")
        name = (doc.get("metadata") or {}).get("name") if isinstance(doc.get("metadata"), dict) else None
        if not isinstance(kind, str) or not kind:
            out.append(Problem(f"{at}.kind", "required field missing"))
            continue
        if not isinstance(name, str) or not name:
            out.append(Problem(f"{at}.metadata.name", "required field missing"))
            continue
        from model.scenario import world  # late: world imports the system

        if world.is_inert(doc):
            continue
        known = world.known_kinds()
        if known and kind not in known:
            out.append(Problem(f"{at}.kind", f"unknown kind {kind!r} (known: "
                                             f"{', '.join(sorted(known + world.INERT_KINDS))})"))
            continue

        try:
            world.load_manifest(doc, source=where, index=i + 1 if len(docs) > 1 else None)
        except world.UnsupportedKind:
            continue  # reported when the step runs
        except ModelError as exc:
            # load_object's messages start with the source and document: "steps[0].apply, document 2
            # (Deployment 'web'): spec.replicas: ..."
            out.append(Problem("", exc.message))


def _yaml_message(exc: yaml.YAMLError) -> str:
    text = str(exc).replace("\n", " ")
    return re.sub(r"\s+", " ", text)


# ---------------------------------------------------------------------------------------------
# aliases


def substitute(value: Any, aliases: dict[str, str], stand_in: bool = False) -> Any:
    """``value`` with ``${alias}`` and ``${alias.pod}`` replaced in every string inside it."""
    if isinstance(value, str):
        def repl(m: re.Match[str]) -> str:
            key = m.group(1) + (m.group(2) or "")
            if key in aliases:
                return aliases[key]
            if stand_in:
                return ALIAS_STAND_IN
            return m.group(0)
        return ALIAS.sub(repl, value)
    if isinstance(value, list):
        return [substitute(v, aliases, stand_in) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, aliases, stand_in) for k, v in value.items()}
    return value


def _aliases_used(value: Any) -> list[str]:
    if isinstance(value, str):
        return [m.group(1) for m in ALIAS.finditer(value)]
    if isinstance(value, list):
        return [a for v in value for a in _aliases_used(v)]
    if isinstance(value, dict):  # notes are free text: never checked
        return [a for k, v in value.items() if k != "notes" for a in _aliases_used(v)]
    return []


# ---------------------------------------------------------------------------------------------
# the file


def load_scenario(path: str) -> Scenario:
    """Read, validate and return the scenario at ``path``; raise ``ScenarioFileError`` if invalid."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as exc:
        raise ScenarioFileError(path, [Problem("", f"cannot read file: {exc.strerror}")]) from None
    return parse_scenario(text, path)


def parse_scenario(text: str, path: str) -> Scenario:
    """Validate the YAML ``text`` of the scenario file ``path``."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ScenarioFileError(path, [Problem("", f"not valid YAML: {_yaml_message(exc)}")]) from None
    out: list[Problem] = []
    if not isinstance(doc, dict):
        raise ScenarioFileError(path, [Problem("", f"expected a mapping at the top, got {_type_name(doc)}")])

    stem = os.path.basename(path)
    for ext in (".yaml", ".yml"):
        if stem.endswith(ext):
            stem = stem[: -len(ext)]
    name = doc.get("name")
    if not isinstance(name, str) or not name:
        out.append(Problem("name", "required field missing"))
    elif name != stem:
        out.append(Problem("name", f"must equal the file name without .yaml ({stem!r}), got {name!r}"))
    for key in ("source", "summary"):
        if key in doc and not isinstance(doc[key], str):
            out.append(Problem(key, f"expected a string, got {_type_name(doc[key])}"))
    if "adaptation" in doc and not isinstance(doc["adaptation"], str | None):
        out.append(Problem("adaptation", f"expected a string, got {_type_name(doc['adaptation'])}"))

    for key in doc:
        if key not in schema.TOP_LEVEL and key != "notes":  # notes: free text, allowed in every mapping
            out.append(Problem(str(key), f"unknown field (known: {', '.join(schema.TOP_LEVEL)})"))
    nodes = _parse_cluster(doc.get("cluster"), out)

    raw_steps = doc.get("steps")
    steps: list[Step] = []
    ids: dict[str, int] = {}
    aliases: set[str] = set()
    if raw_steps is None:
        out.append(Problem("steps", "required field missing"))
    elif not isinstance(raw_steps, list):
        out.append(Problem("steps", f"expected a list, got {_type_name(raw_steps)}"))
    else:
        for i, raw in enumerate(raw_steps):
            step = _parse_step(i, raw, ids, aliases, out)
            if step is not None:
                steps.append(step)
                if step.id is not None:
                    ids[step.id] = i
    if out:
        raise ScenarioFileError(path, out)
    return Scenario(
        path=path,
        name=str(name),
        source=doc.get("source") or "",
        summary=doc.get("summary") or "",
        adaptation=doc.get("adaptation"),
        nodes=nodes,
        steps=tuple(steps),
        step_ids=ids,
    )


def _parse_cluster(cluster: Any, out: list[Problem]) -> tuple[ClusterNode, ...]:
    if cluster is None:
        return ()
    if not isinstance(cluster, dict):
        out.append(Problem("cluster", f"expected a mapping, got {_type_name(cluster)}"))
        return ()
    raw = cluster.get("nodes") or []
    if not isinstance(raw, list):
        out.append(Problem("cluster.nodes", f"expected a list, got {_type_name(raw)}"))
        return ()
    nodes = []
    seen = set()
    for i, n in enumerate(raw):
        where = f"cluster.nodes[{i}]"
        start = len(out)
        check_shape(schema.NODE, n, where, out)
        if len(out) != start:
            continue
        if n["name"] in seen:
            out.append(Problem(f"{where}.name", f"duplicate node name {n['name']!r}"))
        seen.add(n["name"])
        nodes.append(ClusterNode(
            name=n["name"],
            cpu=None if n.get("cpu") is None else str(n["cpu"]),
            memory=None if n.get("memory") is None else str(n["memory"]),
            labels=tuple(sorted((str(k), _label_str(v)) for k, v in (n.get("labels") or {}).items())),
            pods=n.get("pods"),
        ))
    return tuple(nodes)


def _label_str(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _parse_step(i: int, raw: Any, ids: dict[str, int], aliases: set[str],
                out: list[Problem]) -> Step | None:
    where = f"steps[{i}]"
    if not isinstance(raw, dict):
        out.append(Problem(where, f"a step must be a mapping with one step kind, got {_type_name(raw)}"))
        return None
    step_id = raw.get("id")
    if "id" in raw:
        if not isinstance(step_id, str) or not step_id:
            out.append(Problem(f"{where}.id", "expected a non-empty string"))
            step_id = None
        elif step_id in ids:
            out.append(Problem(f"{where}.id", f"duplicate id {step_id!r} (also steps[{ids[step_id]}])"))
    kinds = [k for k in raw if k not in ("id", "notes")]
    unknown = [k for k in kinds if k not in schema.STEPS]
    for k in unknown:
        out.append(Problem(f"{where}.{k}", f"unknown step kind (known: {', '.join(schema.STEP_KINDS)})"))
    known = [k for k in kinds if k in schema.STEPS]
    if len(known) > 1:
        out.append(Problem(where, f"exactly one step kind per step, got {', '.join(known)}"))
        return None
    if not known:
        if not unknown:
            out.append(Problem(where, f"no step kind given (known: {', '.join(schema.STEP_KINDS)})"))
        return None
    kind = known[0]
    arg = raw[kind]
    at = f"{where}.{kind}"
    start = len(out)
    check_shape(schema.STEPS[kind], arg, at, out)
    for alias in _aliases_used(arg):
        if alias not in aliases:
            out.append(Problem(at, f"${{{alias}}} is not bound by an earlier stopNode 'as'"))
    if len(out) == start:
        _check_semantics(kind, arg, at, ids, out)
    if kind == "stopNode" and isinstance(arg, dict) and isinstance(arg.get("as"), str):
        aliases.add(arg["as"])
    return Step(index=i, kind=kind, arg=arg, id=step_id if isinstance(step_id, str) else None)


def _conditions_in(kind: str, arg: Any) -> list[tuple[str, dict[str, Any]]]:
    if kind == "expect":
        return [("", arg)]
    if kind == "waitFor":
        return [(".condition", arg["condition"])]
    if kind == "wait" and "condition" in arg:
        return [(".condition", arg["condition"])]
    return []


def _check_semantics(kind: str, arg: Any, at: str, ids: dict[str, int], out: list[Problem]) -> None:
    """Rules beyond shapes: step ids referenced must come earlier; manifests must load."""
    if kind == "apply":
        check_manifests(arg, at, out)
    if kind == "waitFor" and "since" in arg and arg["since"] not in ids:
        out.append(Problem(f"{at}.since", f"no earlier step has id {arg['since']!r}"))
    if kind == "waitFor" and arg.get("notBeforeSeconds", 0) > arg["timeoutSeconds"]:
        out.append(Problem(f"{at}.notBeforeSeconds", "must not exceed timeoutSeconds"))
    if kind == "scale" and arg["kind"] not in ("Deployment", "ReplicaSet", "ReplicationController"):
        out.append(Problem(f"{at}.kind", f"must be Deployment, ReplicaSet or ReplicationController, "
                                         f"got {arg['kind']!r}"))
    if kind in ("patch", "delete") and arg["kind"] not in schema.KINDS:
        out.append(Problem(f"{at}.kind", f"unknown kind {arg['kind']!r} (known: {', '.join(schema.KINDS)})"))
    if kind == "settle" and isinstance(arg, dict):
        for j, inv in enumerate(arg.get("invariants") or []):
            if len([k for k in inv if k != "notes"]) != 1:
                out.append(Problem(f"{at}.invariants[{j}]", "exactly one invariant per list item"))
    for suffix, cond in _conditions_in(kind, arg):
        pc = cond.get("podCreations")
        if isinstance(pc, dict) and pc.get("since") not in ids:
            out.append(Problem(f"{at}{suffix}.podCreations.since",
                               f"no earlier step has id {pc.get('since')!r}"))
