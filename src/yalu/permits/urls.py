from django.urls import path

from yalu.permits import request_views, views

app_name = "permits"
urlpatterns = [
    path("", views.funnel, name="funnel"),
    path("letters/", views.letter_list, name="letter_list"),
    path("letters/new/", views.letter_create, name="letter_create"),
    path("letters/<int:letter_id>/", views.letter_detail, name="letter_detail"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/new/", views.application_create, name="application_create"),
    path("applications/<int:application_id>/", views.application_detail, name="application_detail"),
    path("applications/<int:application_id>/decide/", views.application_decide, name="application_decide"),
    path("applications/<int:application_id>/step/", views.application_transition, name="application_transition"),
    path("requests/", request_views.request_list, name="request_list"),
    path("requests/new/", request_views.request_create, name="request_create"),
    path("requests/<int:request_id>/", request_views.request_detail, name="request_detail"),
    path("requests/<int:request_id>/items/<int:item_id>/status/", request_views.item_status, name="item_status"),
    path("requests/<int:request_id>/items/<int:item_id>/person/", request_views.item_link, name="item_link"),
    path("requests/<int:request_id>/reply/<str:language>/", request_views.reply_edit, name="reply_edit"),
    path("requests/<int:request_id>/reply/<str:language>/pdf/", request_views.reply_pdf, name="reply_pdf"),
    path("requests/<int:request_id>/reply/<str:language>/txt/", request_views.reply_txt, name="reply_txt"),
]
