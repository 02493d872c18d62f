"""How to rebuild a model: a factory name plus JSON arguments, recorded in every trace's ``#meta``.

``kubeproof replay FILE.itf.json`` rebuilds the model from this record and re-executes the recorded
actions, so a trace says exactly which configuration and variant produced it.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from typing import Any

from model.errors import ModelError


@dataclass(frozen=True)
class ModelSpec:
    """``factory`` is ``"package.module:callable"``; ``args`` is a JSON object (kept as sorted JSON text)."""

    factory: str
    args_json: str = "{}"

    @staticmethod
    def of(factory: str, **args: Any) -> ModelSpec:
        return ModelSpec(factory, json.dumps(args, sort_keys=True))

    @property
    def args(self) -> dict[str, Any]:
        return dict(json.loads(self.args_json))

    def build(self) -> Any:
        module_name, _, attr = self.factory.partition(":")
        try:
            fn = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError) as exc:
            raise ModelError("Invalid", f"cannot build model {self.factory!r}: {exc}", field="#meta.model") from exc
        return fn(**self.args)

    def to_json(self) -> dict[str, Any]:
        return {"factory": self.factory, "args": self.args}

    @staticmethod
    def from_json(data: Any) -> ModelSpec:
        if not isinstance(data, dict) or not isinstance(data.get("factory"), str):
            raise ModelError("Invalid", "trace has no model record (#meta.model.factory)", field="#meta.model")
        return ModelSpec.of(data["factory"], **dict(data.get("args") or {}))
