from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("users", views.UserViewSet, basename="user")

urlpatterns = [
    path("registrations/", views.RegistrationView.as_view(), name="registration"),
    path("token/", views.TokenObtainView.as_view(), name="token_obtain"),
    path("token/refresh/", views.TokenRefreshView.as_view(), name="token_refresh"),
    path("token/blacklist/", views.TokenBlacklistView.as_view(), name="token_blacklist"),
    path("me/", views.MeView.as_view(), name="me"),
    *router.urls,
]
