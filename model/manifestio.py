"""File-level manifest loading; the implementation is ``model.manifests`` (kept here for callers that
import ``model.manifestio``)."""

from __future__ import annotations

from model.manifests import load_manifest_files, load_manifests, load_object

__all__ = ["load_manifest_files", "load_manifests", "load_object"]
