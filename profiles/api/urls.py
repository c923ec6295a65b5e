from django.urls import path

from . import views

urlpatterns = [
    path("registrations/", views.RegistrationView.as_view(), name="registration"),
    path("me/", views.MeView.as_view(), name="me"),
]
