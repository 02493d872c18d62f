"""The ReplicaSet controller's informer handlers (``model.controllers.replicaset_handlers``)."""

from __future__ import annotations

from typing import Any

from model.controllers import replicaset_handlers

__all__ = ["rs_handlers"]

rs_handlers: Any = replicaset_handlers
