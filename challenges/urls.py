from django.urls import path

from . import views

app_name = "challenges"

urlpatterns = [
    path("", views.challenge_list, name="challenge-list"),
    path("new/", views.challenge_add, name="challenge-add"),
    path("<int:pk>/", views.challenge_detail, name="challenge-detail"),
    path("<int:pk>/response/", views.challenge_respond, name="challenge-respond"),
    path("<int:pk>/close/", views.challenge_close, name="challenge-close"),
    path("<int:pk>/reopen/", views.challenge_reopen, name="challenge-reopen"),
]
