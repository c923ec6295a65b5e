"""The project's URLs plus the benchmark's reference endpoint (bench settings only)."""

from django.urls import path

from healthcare_system.urls import *  # noqa: F403
from healthcare_system.urls import urlpatterns as project_urlpatterns

from .reference import ReferenceView

urlpatterns = [path("api/bench/reference/", ReferenceView.as_view()), *project_urlpatterns]
