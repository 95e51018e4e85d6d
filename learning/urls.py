from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.programme, name="programme"),
    path("<int:pk>/", views.session_detail, name="session-detail"),
]
