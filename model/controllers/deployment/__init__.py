"""The Deployment controller (``pkg/controller/deployment``) as pure functions over model values.

Modules mirror the Go files: ``util`` (util/deployment_util.go), ``rolling``, ``recreate``, ``sync``,
``rollback``, ``progress`` and ``deployment_controller`` (one pure ``syncDeployment``).
"""
