from django.urls import path

from yalu.linkage import views

app_name = "linkage"
urlpatterns = [
    path("", views.review_queue, name="queue"),
    path("candidates/<int:candidate_id>/", views.candidate_detail, name="candidate"),
    path("candidates/<int:candidate_id>/decide/", views.candidate_decide, name="decide"),
    path("runs/", views.run_list, name="runs"),
    path("runs/start/", views.run_start, name="run_start"),
    path("runs/start-list/", views.run_start_list, name="run_start_list"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
]
