from django.contrib import admin
from django.urls import include, path

from yalu.config.api import api
from yalu.core import views as core_views
from yalu.web import views as web_views

urlpatterns = [
    path("", web_views.dashboard, name="dashboard"),
    path("accounts/login/", web_views.login, name="login"),
    path("accounts/logout/", web_views.logout, name="logout"),
    path("i18n/setlang/", web_views.set_language, name="set_language"),
    path("people/", include("yalu.people.urls")),
    path("statistics/", include("yalu.statistics.urls")),
    path("linkage/", include("yalu.linkage.urls")),
    path("ledger/", include("yalu.ledger.urls")),
    path("permits/", include("yalu.permits.urls")),
    path("imports/", include("yalu.exchange.urls")),
    path("reports/", include("yalu.reports.urls")),
    path("audit/", core_views.audit_log, name="audit_log"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
