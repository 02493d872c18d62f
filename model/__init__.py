"""kubeproof's model of Kubernetes: API objects, controllers, and the cluster transition system."""
