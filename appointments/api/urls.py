from django.urls import path
from rest_framework.routers import SimpleRouter

from . import doctors, series, views

router = SimpleRouter()
# The doctors' routes that read appointments (appointments.api.doctors).
router.register("doctors", doctors.DoctorViewSet, basename="doctor")
router.register("leave-days", doctors.LeaveDayViewSet, basename="leave-day")
router.register("appointments", views.AppointmentViewSet, basename="appointment")
router.register("appointment-series", series.AppointmentSeriesViewSet, basename="appointment-series")

urlpatterns = [
    path("book-appointment/", views.BookAppointmentView.as_view(), name="book-appointment"),
    path("settings/", views.ClinicSettingsView.as_view(), name="clinic-settings"),
    *router.urls,
]
