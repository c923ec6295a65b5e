from django.urls import re_path
from rest_framework.routers import SimpleRouter

from .views import AccessLogViewSet, MedicalRecordViewSet, PatientHistoryView

router = SimpleRouter()
router.register("medical-records", MedicalRecordViewSet, basename="medical-record")
router.register("audit-log", AccessLogViewSet, basename="audit-log")

urlpatterns = [
    *router.urls,
    # Beside the patient's own routes (patients/api/urls.py), composed here from the layers below.
    re_path(r"^patients/(?P<pk>[^/.]+)/history/$", PatientHistoryView.as_view(), name="patient-history"),
]
