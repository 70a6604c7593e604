from django.urls import path

from yalu.ledger import views

app_name = "ledger"
urlpatterns = [
    path("crossings/", views.crossing_statistics, name="statistics"),
    path("incidents/new/", views.incident_create, name="incident_create"),
    path("incidents/<path:group_ref>/", views.incident_detail, name="incident"),
    path("events/<int:event_id>/withdraw/", views.event_withdraw, name="event_withdraw"),
    path("handback/", views.handback_lists, name="handback_lists"),
    path("handback/<int:list_id>/", views.handback_list_detail, name="handback_list"),
    path("handback/<int:list_id>/items/<int:item_id>/confirm/", views.handback_item_confirm, name="item_confirm"),
    path("handback/<int:list_id>/items/<int:item_id>/dispute/", views.handback_item_dispute, name="item_dispute"),
    path("handback/<int:list_id>/items/<int:item_id>/match/", views.handback_item_match, name="item_match"),
    path("handback/<int:list_id>/items/<int:item_id>/unmatch/", views.handback_item_unmatch, name="item_unmatch"),
]
