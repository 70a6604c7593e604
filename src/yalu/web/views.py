"""Login, language, and the dashboard of the user's jurisdiction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.i18n import set_language as django_set_language

from yalu.areas.models import Area
from yalu.core.access import public, signed_in
from yalu.people.queries import people_in_scope
from yalu.statistics.dashboard import dashboard_for, registry_counts

login = public(auth_views.LoginView.as_view(redirect_authenticated_user=True))
logout = public(auth_views.LogoutView.as_view())
set_language = public(django_set_language)


@signed_in
def dashboard(request: HttpRequest) -> HttpResponse:
    """The user's jurisdiction for the current period: key figures with trend, violations, work waiting."""
    user: Any = request.user
    people = people_in_scope(user)

    def count() -> dict[int, int]:
        rows = people.values("home_area_id").annotate(count=Count("id")).order_by()
        return {row["home_area_id"]: row["count"] for row in rows}

    # one scan of the registry, and none on a later visit while no person is added or changed
    counts = registry_counts(user.jurisdiction, count) if user.jurisdiction is not None else count()
    areas = Area.objects.in_bulk(list(counts))
    by_area = sorted(((areas[pk], number) for pk, number in counts.items()), key=lambda pair: pair[0].path)
    period = request.GET.get("period", "").strip()[:32] or None
    try:
        board = dashboard_for(user, period=period)
    except ValueError:
        board = dashboard_for(user)
    context = {
        "jurisdiction": user.jurisdiction,
        "person_count": sum(counts.values()),
        "by_area": by_area,
        "roles": [group.name for group in user.groups.all()],
        "board": board,
    }
    return render(request, "web/dashboard.html", context)
