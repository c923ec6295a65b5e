"""The project's URLs plus one endpoint the permission matrix has no rows for."""

from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from healthcare_system.urls import urlpatterns as project_urlpatterns


class UnlistedView(APIView):
    def get(self, request):
        return Response()

    def post(self, request):
        return Response()


urlpatterns = [path("api/unlisted/", UnlistedView.as_view()), *project_urlpatterns]
