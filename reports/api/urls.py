from django.urls import path

from . import views

urlpatterns = [
    path("reports/appointments/", views.AppointmentReportView.as_view(), name="report-appointments"),
    path("reports/revenue/", views.RevenueReportView.as_view(), name="report-revenue"),
    path("reports/utilization/", views.UtilizationReportView.as_view(), name="report-utilization"),
]
