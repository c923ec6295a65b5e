from django.contrib import admin
from django.urls import include, path, re_path
from drf_yasg import openapi
from drf_yasg.views import get_schema_view
from rest_framework.permissions import AllowAny

from .health import healthz
from .spa import spa_index

api_info = openapi.Info(
    title="Healthcare Appointment Scheduling API",
    default_version="v1",
    description=(
        "Book, reschedule and cancel appointments; doctors' availability; patients and "
        "medical records; reports. Authenticate with POST /api/token/ and send "
        "`Authorization: Bearer <access>` (use the Authorize button)."
    ),
)

schema_view = get_schema_view(api_info, public=True, permission_classes=[AllowAny])

handler400 = "healthcare_system.exceptions.bad_request"
handler403 = "healthcare_system.exceptions.permission_denied"
handler404 = "healthcare_system.exceptions.not_found"
handler500 = "healthcare_system.exceptions.server_error"

api_patterns = [
    path("", include("accounts.api.urls")),
    path("", include("profiles.api.urls")),
    path("", include("doctors.api.urls")),
    path("", include("appointments.api.urls")),
    path("", include("patients.api.urls")),
    path("", include("records.api.urls")),
    path("", include("notifications.api.urls")),
    path("", include("reports.api.urls")),
    path("", include("privacy.api.urls")),
    path("", include("waitlist.api.urls")),
]

urlpatterns = [
    path("api/", include(api_patterns)),
    path("fhir/", include("fhir_api.urls")),
    path("admin/", admin.site.urls),
    path("healthz/", healthz, name="healthz"),
    re_path(r"^swagger(?P<format>\.json|\.yaml)$", schema_view.without_ui(cache_timeout=0), name="schema-json"),
    path("swagger/", schema_view.with_ui("swagger", cache_timeout=0), name="schema-swagger-ui"),
    path("redoc/", schema_view.with_ui("redoc", cache_timeout=0), name="schema-redoc"),
    # Everything else is a client-side route of the SPA (but never /api/, /fhir/, /static/ …).
    re_path(r"^(?!api/|fhir(?:/|$)|admin/|static/|swagger|redoc|healthz)(?P<path>.*)$", spa_index, name="spa"),
]
