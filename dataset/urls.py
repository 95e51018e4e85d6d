from django.urls import path

from . import views

app_name = "dataset"

urlpatterns = [
    path("", views.scorecard, name="scorecard"),
    path("<slug:slug>/", views.indicator_detail, name="indicator-detail"),
]
