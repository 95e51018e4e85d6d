from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("report/", views.report, name="report"),
    path("report/pdf/", views.report_pdf, name="report-pdf"),
]
