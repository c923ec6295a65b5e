from django.urls import path
from rest_framework.routers import SimpleRouter

from . import series, views

router = SimpleRouter()
router.register("appointments", views.AppointmentViewSet, basename="appointment")
router.register("appointment-series", series.AppointmentSeriesViewSet, basename="appointment-series")

urlpatterns = [
    path("book-appointment/", views.BookAppointmentView.as_view(), name="book-appointment"),
    path("settings/", views.ClinicSettingsView.as_view(), name="clinic-settings"),
    *router.urls,
]
