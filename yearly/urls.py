from django.urls import path

from . import views

app_name = "yearly"

urlpatterns = [
    path("", views.report, name="report"),
    path("pdf/", views.report_pdf, name="report-pdf"),
    path("assessment/", views.assessment, name="assessment"),
]
