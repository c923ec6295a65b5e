from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

# /api/doctors/ and /api/leave-days/ read appointments: appointments.api.urls serves them.
router = SimpleRouter()
router.register("working-hours", views.WorkingHoursViewSet, basename="working-hours")
router.register("visit-types", views.VisitTypeViewSet, basename="visit-type")

urlpatterns = [
    path("specialties/", views.SpecialtyListView.as_view(), name="specialty-list"),
    *router.urls,
]
