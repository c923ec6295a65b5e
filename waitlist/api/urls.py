from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("waitlist", views.WaitlistViewSet, basename="waitlist")

urlpatterns = router.urls
