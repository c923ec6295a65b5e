"""The yardstick: what the framework itself needs for an authenticated JSON list.

A bare DRF view with plain JWT authentication that reads 20 rows of one table (2 queries: the
user, the rows) and renders them with DRF's stock JSON renderer. Served by the same gunicorn,
database and middleware as the real endpoints, in the same run, so a scenario's ratio to it
says how much of the framework's ceiling the scenario reaches, whatever the machine's load.
"""

from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.authentication import JWTAuthentication

from doctors.models import Doctor

FIELDS = ("id", "clinic_name", "city", "address", "consultation_fee", "slot_minutes", "timezone")


class ReferenceView(APIView):
    authentication_classes = [JWTAuthentication]
    permission_classes = [IsAuthenticated]
    # Pinned, so that a faster project-wide renderer does not move the yardstick.
    renderer_classes = [JSONRenderer]
    throttle_classes = []

    def get(self, request):
        return Response(list(Doctor.objects.order_by("pk").values(*FIELDS)[:20]))
