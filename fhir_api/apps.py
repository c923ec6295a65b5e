from django.apps import AppConfig


class FhirApiConfig(AppConfig):
    """FHIR R4 at /fhir/: a top layer over doctors, patients, appointments and records."""

    name = "fhir_api"
    verbose_name = "FHIR R4 API"

    def ready(self):
        from healthcare_system.exceptions import register_error_responder

        from .outcomes import error_response

        register_error_responder("/fhir/", error_response)
