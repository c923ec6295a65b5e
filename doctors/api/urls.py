from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("doctors", views.DoctorViewSet, basename="doctor")
router.register("working-hours", views.WorkingHoursViewSet, basename="working-hours")
router.register("leave-days", views.LeaveDayViewSet, basename="leave-day")
router.register("visit-types", views.VisitTypeViewSet, basename="visit-type")

urlpatterns = [
    path("specialties/", views.SpecialtyListView.as_view(), name="specialty-list"),
    *router.urls,
]
