from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("reviews/timeline/", views.timeline, name="timeline"),
    path("reviews/<slug:slug>/", views.review_detail, name="review-detail"),
    path("reviews/<slug:slug>/stage/", views.review_stage, name="review-stage"),
    path("actions/", views.ActionListView.as_view(), name="action-list"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/progress/", views.action_progress, name="action-progress"),
    path("my-actions/", views.my_actions, name="my-actions"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme-detail"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency-detail"),
]
