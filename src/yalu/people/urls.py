from django.urls import path

from yalu.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("<int:person_id>/", views.person_detail, name="detail"),
    path("<int:person_id>/edit/", views.person_edit, name="edit"),
    path("<int:person_id>/names/", views.person_add_name, name="add_name"),
    path("<int:person_id>/family/", views.person_add_link, name="add_link"),
]
