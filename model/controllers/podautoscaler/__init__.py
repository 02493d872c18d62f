"""The horizontal pod autoscaler: ``pkg/controller/podautoscaler`` and ``pkg/apis/autoscaling``.

``types`` holds the autoscaling/v2 API objects with their defaults and validation,
``replica_calculator`` the per-metric replica proposals, ``horizontal`` one reconcile pass.
"""
