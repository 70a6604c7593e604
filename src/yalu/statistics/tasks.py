"""Background tasks of statistics (django-tasks): computing the dashboard's figures ahead of visits."""

from __future__ import annotations

from django_tasks import task

from yalu.areas.models import Area
from yalu.core.models import User
from yalu.statistics.dashboard import warm
from yalu.statistics.queries import latest_year_with_figures


@task()
def warm_dashboards() -> int:
    """The figures of each active user's jurisdiction for its current period, where the data changed.

    Enqueue it after a large import or on a schedule, so that the next visit reads kept figures.
    Returns how many were computed.
    """
    computed = 0
    seen: set[tuple[int, str]] = set()
    for user in User.objects.filter(is_active=True, jurisdiction__isnull=False).select_related("jurisdiction"):
        if not user.has_perm("statistics.view_aggregatesubmission"):
            continue
        area: Area | None = user.jurisdiction
        if area is None:
            continue
        key = (area.pk, str(latest_year_with_figures(user)))
        if key not in seen:
            seen.add(key)
            computed += warm(area=area, period=key[1]) > 0
    return computed
