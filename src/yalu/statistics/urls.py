from django.urls import path

from yalu.statistics import views

app_name = "statistics"
urlpatterns = [
    path("", views.indicator_values, name="values"),
    path("definitions/", views.definitions, name="definitions"),
    path("violations/", views.violations, name="violations"),
    path("submissions/", views.submission_list, name="submissions"),
    path("submissions/new/", views.submission_create, name="submission_create"),
    path("submissions/period/", views.submission_period, name="submission_period"),
    path("submissions/<int:submission_id>/", views.submission_detail, name="submission"),
    path("submissions/<int:submission_id>/decide/", views.submission_transition, name="submission_transition"),
    path("reporting/", views.reporting, name="reporting"),
    path("snapshots/", views.snapshot_list, name="snapshots"),
    path("snapshots/new/", views.snapshot_create, name="snapshot_create"),
    path("snapshots/<uuid:snapshot_id>/", views.snapshot_detail, name="snapshot"),
]
