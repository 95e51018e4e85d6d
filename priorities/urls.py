from django.urls import path

from . import views

app_name = "priorities"

urlpatterns = [
    path("", views.priority_list, name="priority-list"),
    path("<slug:slug>/", views.priority_detail, name="priority-detail"),
]
