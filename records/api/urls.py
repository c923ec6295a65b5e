from rest_framework.routers import SimpleRouter

from .views import AccessLogViewSet, MedicalRecordViewSet

router = SimpleRouter()
router.register("medical-records", MedicalRecordViewSet, basename="medical-record")
router.register("audit-log", AccessLogViewSet, basename="audit-log")

urlpatterns = router.urls
