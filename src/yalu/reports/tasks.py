"""Background tasks of reports (django-tasks): computing kept reports again ahead of views."""

from __future__ import annotations

from django_tasks import task

from yalu.reports.keeping import warm


@task()
def warm_reports() -> int:
    """The reports read lately whose data changed, computed and kept again. Enqueue it after a large import
    or on a schedule, so that the next view or export reads kept figures. Returns how many were computed."""
    return warm()
