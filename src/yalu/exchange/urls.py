from django.urls import path

from yalu.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.import_list, name="list"),
    path("new/", views.import_create, name="create"),
    path("<uuid:batch_id>/", views.import_detail, name="detail"),
    path("<uuid:batch_id>/progress/", views.import_progress, name="progress"),
    path("<uuid:batch_id>/import/", views.import_confirm, name="confirm"),
    path("<uuid:batch_id>/quarantine/<int:row_id>/", views.quarantined_row, name="quarantined_row"),
]
