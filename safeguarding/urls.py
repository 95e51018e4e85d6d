from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from reviews.views import SignInView, accessibility, healthz

urlpatterns = [
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("accessibility/", accessibility, name="accessibility"),
    path("dataset/", include("dataset.urls")),
    path("audits/", include("audits.urls")),
    path("learning/", include("learning.urls")),
    path("priorities/", include("priorities.urls")),
    path("challenges/", include("challenges.urls")),
    path("report/yearly/", include("yearly.urls")),
    path("", include("reports.urls")),
    path("", include("reviews.urls")),
]
