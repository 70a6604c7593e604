from django.urls import path

from yalu.reports import views

app_name = "reports"
urlpatterns = [
    path("1962/", views.report_page, name="report"),
    path("1962/export.<str:file_format>", views.report_export, name="export"),
    path("1962/freeze/", views.report_freeze, name="freeze"),
    path("snapshots/<uuid:snapshot_id>/", views.snapshot_page, name="snapshot"),
    path("snapshots/<uuid:snapshot_id>/export.<str:file_format>", views.snapshot_export, name="snapshot_export"),
]
