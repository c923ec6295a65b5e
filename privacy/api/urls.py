from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("erasure-requests", views.ErasureRequestViewSet, basename="erasure-request")

urlpatterns = [
    path("me/data-export/", views.DataExportView.as_view(), name="data-export"),
    path("me/erasure-request/", views.MyErasureRequestView.as_view(), name="my-erasure-request"),
    *router.urls,
]
