"""The shape of a scenario file, as data: step kinds, their arguments, condition keys.

Everything ``docs/spec/SCENARIOS.md`` lists is here once, so that the parser, the documentation
test and the runner agree on one vocabulary. A shape is a small value: a scalar type name, a
``Mapping`` of keys to shapes (with the required ones named), a ``ListOf`` shape, or ``OneOf`` several.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------------------------------------
# shape values


@dataclass(frozen=True)
class Scalar:
    """A leaf: ``str``, ``int`` (>= 0 unless ``signed``), ``bool``, ``labels`` (str -> scalar map),
    ``number`` (an integer or ``{min?, max?}``), ``any``, ``text`` (free text: notes), ``null``."""

    type: str
    choices: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Mapping:
    """A mapping with known keys; ``required`` must be present; ``notes`` is always allowed."""

    keys: dict[str, Any]
    required: tuple[str, ...] = ()
    # Groups of keys of which exactly one must be present (e.g. delete's name | selector).
    one_of: tuple[tuple[str, ...], ...] = ()
    notes: bool = True


@dataclass(frozen=True)
class ListOf:
    item: Any


@dataclass(frozen=True)
class OneOf:
    """The first alternative whose outer type fits the value is used to check it."""

    options: tuple[Any, ...] = field(default=())


STR = Scalar("str")
INT = Scalar("int")
BOOL = Scalar("bool")
LABELS = Scalar("labels")
NUMBER = Scalar("number")
ANY = Scalar("any")
TEXT = Scalar("text")
NULL = Scalar("null")

REF = Mapping({"kind": STR, "name": STR}, required=("kind", "name"))
KINDS = ("Deployment", "ReplicaSet", "ReplicationController", "Pod", "Node",
         "HorizontalPodAutoscaler", "Service")

# ---------------------------------------------------------------------------------------------
# conditions

RS_MATCHER = Mapping({
    "name": STR,
    "namePrefix": STR,
    "exists": BOOL,
    "labels": LABELS,
    "revision": Scalar("revision"),
    "template_image": STR,
    "template": Scalar("map"),
    "specReplicas": NUMBER,
    "statusReplicas": NUMBER,
    "readyReplicas": NUMBER,
    "availableReplicas": NUMBER,
    "controller": OneOf((NULL, REF)),
})

# ``status: True`` (an unquoted YAML boolean) means the string "True".
DEPLOYMENT_CONDITION = Mapping({
    "type": STR, "status": Scalar("scalar"), "reason": STR, "message": STR,
})

DEPLOYMENT_MATCHER = Mapping({
    "name": STR,
    "exists": BOOL,
    "labels": LABELS,
    "revision": Scalar("revision"),
    "spec": Mapping({"replicas": NUMBER, "paused": BOOL}),
    "template_image": STR,
    "template": Scalar("map"),
    "status": Mapping({
        "replicas": NUMBER, "updatedReplicas": NUMBER, "readyReplicas": NUMBER,
        "availableReplicas": NUMBER, "unavailableReplicas": NUMBER,
    }),
    "observedGenerationCurrent": BOOL,
    "complete": BOOL,
    "conditions": ListOf(DEPLOYMENT_CONDITION),
    "newReplicaSet": RS_MATCHER,
    "oldReplicaSets": Mapping({"count": NUMBER, "items": ListOf(RS_MATCHER)}),
}, required=("name",))

REPLICASETS = OneOf((
    ListOf(RS_MATCHER),
    Mapping({"selector": LABELS, "count": NUMBER, "items": ListOf(RS_MATCHER)}),
))

PODS = Mapping({
    "selector": LABELS,
    "onNode": STR,
    "includeTerminating": BOOL,
    "count": NUMBER,
    "allRunning": BOOL,
    "allReady": BOOL,
    "noneReady": BOOL,
    "allControlledBy": REF,
    "noneControlledBy": REF,
})

POD_MATCHER = Mapping({
    "name": STR,
    "exists": BOOL,
    "terminating": BOOL,
    "deletionRequested": BOOL,
    "phase": STR,
    "ready": BOOL,
    "nodeName": STR,
    "labels": LABELS,
}, required=("name",))

TAINT_MATCHER = Mapping({"key": STR, "effect": STR, "value": Scalar("scalar")}, required=("key", "effect"))

NODE_MATCHER = Mapping({"name": STR, "ready": BOOL, "taints": ListOf(TAINT_MATCHER)},
                       required=("name",))

CONDITION = Mapping({
    "deployment": OneOf((ListOf(DEPLOYMENT_MATCHER), DEPLOYMENT_MATCHER)),
    "replicaSets": REPLICASETS,
    "pods": PODS,
    "pod": OneOf((ListOf(POD_MATCHER), POD_MATCHER)),
    "node": OneOf((ListOf(NODE_MATCHER), NODE_MATCHER)),
    "scale": Mapping({"kind": STR, "name": STR, "specReplicas": NUMBER, "statusReplicas": NUMBER},
                     required=("kind", "name")),
    "podCreations": Mapping({"since": STR, "count": NUMBER, "containerNames": ListOf(STR)},
                            required=("since", "count")),
})

CONDITION_KEYS = tuple(k for k in CONDITION.keys) + ("notes",)

# ---------------------------------------------------------------------------------------------
# invariants

INVARIANTS = Mapping({
    "noOldAndNewPodsTogether": Mapping({"deployment": STR}, required=("deployment",)),
    "rollingUpdateBounds": Mapping({"deployment": STR}, required=("deployment",)),
})

# ---------------------------------------------------------------------------------------------
# steps

MANIFESTS = OneOf((STR, ListOf(Scalar("map")), Scalar("map")))

STEPS: dict[str, Any] = {
    "apply": MANIFESTS,
    "settle": OneOf((NULL, Mapping({"maxSeconds": INT, "invariants": ListOf(INVARIANTS)}))),
    "expect": CONDITION,
    "updateImage": Mapping({"deployment": STR, "container": STR, "image": STR},
                           required=("deployment", "container", "image")),
    "scale": Mapping({"kind": STR, "name": STR, "replicas": INT,
                      "via": Scalar("str", ("spec", "scaleSubresource"))},
                     required=("kind", "name", "replicas")),
    "pause": Mapping({"deployment": STR}, required=("deployment",)),
    "resume": Mapping({"deployment": STR}, required=("deployment",)),
    "rollbackTo": Mapping({"deployment": STR, "revision": INT}, required=("deployment", "revision")),
    "makeImageUnpullable": Mapping({"image": STR}, required=("image",)),
    "patch": Mapping({"kind": STR, "name": STR,
                      "subresource": Scalar("str", ("status", "scale")),
                      "mergePatch": Scalar("map"), "jsonPatch": ListOf(Scalar("map"))},
                     required=("kind", "name"), one_of=(("mergePatch", "jsonPatch"),)),
    "delete": Mapping({"kind": STR, "name": STR, "selector": LABELS, "count": INT,
                       "propagationPolicy": Scalar("str", ("Background", "Foreground", "Orphan")),
                       "gracePeriodSeconds": INT},
                      required=("kind",), one_of=(("name", "selector"),)),
    "relabelPod": Mapping({"selector": LABELS, "labels": LABELS}, required=("selector", "labels")),
    "wait": Mapping({"seconds": INT, "condition": CONDITION}, required=("seconds",)),
    "waitFor": Mapping({"condition": CONDITION, "timeoutSeconds": INT, "notBeforeSeconds": INT,
                        "since": STR},
                       required=("condition", "timeoutSeconds")),
    "setCPULoad": Mapping({"target": REF, "totalMillicores": INT},
                          required=("target", "totalMillicores")),
    "taintNode": Mapping({"node": STR,
                          "add": Mapping({"key": STR, "value": Scalar("scalar"), "effect": STR},
                                         required=("key", "effect")),
                          "remove": Mapping({"key": STR, "effect": STR}, required=("key", "effect"))},
                         required=("node",), one_of=(("add", "remove"),)),
    "stopNode": Mapping({"node": STR, "nodeOfPod": Mapping({"selector": LABELS}, required=("selector",)),
                         "as": STR},
                        one_of=(("node", "nodeOfPod"),)),
    "startNode": Mapping({"node": STR}, required=("node",)),
}

STEP_KINDS = tuple(STEPS)

NODE = Mapping({"name": STR, "cpu": Scalar("quantity"), "memory": Scalar("quantity"),
                "labels": LABELS, "pods": INT},
               required=("name",))

TOP_LEVEL = ("name", "source", "adaptation", "summary", "cluster", "steps")
