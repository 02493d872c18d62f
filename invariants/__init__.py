"""Named properties of the cluster model, as data: what Kubernetes promises and where it does not."""
