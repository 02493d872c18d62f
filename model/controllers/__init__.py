"""The controllers as pure decision functions: kube-controller-manager (pkg/controller), kube-scheduler
(pkg/scheduler), the kubelet (pkg/kubelet) and kubernetes/autoscaler; each module names the Kubernetes
files it mirrors."""
