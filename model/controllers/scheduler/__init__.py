"""The kube-scheduler's decisions as pure functions: filters, scores and one scheduling cycle.

Modules are named for the plugins in pkg/scheduler/framework/plugins they mirror
(``noderesources``, ``tainttoleration``, ``nodeunschedulable``, ``nodeaffinity``,
``podtopologyspread``); ``resources`` is the request accounting of framework/types.go and
``schedule`` puts them together: ``schedule_one(pod, nodes, bound_pods) -> ScheduleResult``.
"""

from model.controllers.scheduler.schedule import ScheduleResult, schedule_one

__all__ = ["ScheduleResult", "schedule_one"]
