"""/fhir/…: FHIR paths have no trailing slash. An unknown path is a 404 OperationOutcome
(Django's 404 handler answers through the responder registered in apps.py)."""

from django.urls import path

from .views import RESOURCE_VIEWS, MetadataView

urlpatterns = [
    path("", MetadataView.as_view(), name="fhir-base"),
    path("metadata", MetadataView.as_view(), name="fhir-metadata"),
]
for _view in RESOURCE_VIEWS:
    urlpatterns += [
        path(_view.resource_type, _view.as_view()),
        path(f"{_view.resource_type}/<str:resource_id>", _view.as_view()),
    ]
