"""Endpoints of the notifications app: answering a visit from a message's link, SMS replies, calendar feeds."""

from django.conf import settings
from django.http import HttpResponse
from drf_yasg import openapi
from drf_yasg.utils import no_body, swagger_auto_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsDoctor, IsPatient
from appointments.models import AppointmentStatus, ClinicSettings

from .. import calendar_feeds, sms_replies, visit_links


class VisitLinkDoctorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    specialty = serializers.CharField()


class VisitLinkAppointmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=AppointmentStatus.choices)
    appointment_time = serializers.DateTimeField(help_text="ISO 8601 with the doctor's offset.")
    end_time = serializers.DateTimeField()
    patient_confirmed_at = serializers.DateTimeField(allow_null=True)
    doctor = VisitLinkDoctorSerializer()
    timezone = serializers.CharField(help_text="The doctor's IANA zone.")


class VisitLinkSerializer(serializers.Serializer):
    """What the answer page shows: the visit (no health data), the action, whether the link works."""

    action = serializers.ChoiceField(choices=["confirm", "cancel", "reschedule"])
    state = serializers.ChoiceField(choices=["ready", "used", "expired"])
    detail = serializers.CharField()
    cancellation_cutoff_hours = serializers.IntegerField()
    appointment = VisitLinkAppointmentSerializer()

    def to_representation(self, link: visit_links.VisitLink):
        # Times keep the doctor's offset: formatted here, passed through by the fields.
        appointment, doctor = link.appointment, link.appointment.doctor
        clinic = ClinicSettings.load()
        return super().to_representation(
            {
                "action": link.action,
                "state": link.state,
                "detail": link.detail,
                "cancellation_cutoff_hours": clinic.cancellation_cutoff_hours,
                "appointment": {
                    "id": appointment.pk,
                    "status": appointment.status,
                    "appointment_time": appointment.start.isoformat(),
                    "end_time": appointment.end.isoformat(),
                    "patient_confirmed_at": (
                        appointment.patient_confirmed_at.isoformat() if appointment.patient_confirmed_at else None
                    ),
                    "doctor": {"id": doctor.pk, "name": str(doctor), "specialty": doctor.specialty.name},
                    "timezone": doctor.timezone,
                },
            }
        )


class VisitLinkUseSerializer(serializers.Serializer):
    appointment_time = serializers.DateTimeField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class VisitLinkView(APIView):
    """A link from a confirmation or reminder: GET says what it does, POST does it (once)."""

    permission_classes = [AllowAny]
    authentication_classes = []  # the link is the credential; a stale login must not get in the way

    @swagger_auto_schema(
        responses={
            200: openapi.Response("the link's visit, action and state (ready, used, expired)", VisitLinkSerializer),
            410: "used or expired",
        }
    )
    def get(self, request, token):
        return Response(VisitLinkSerializer(visit_links.visit_link_read(token)).data)

    @swagger_auto_schema(
        request_body=VisitLinkUseSerializer,
        responses={
            200: openapi.Response("done: the link's visit as it is now", VisitLinkSerializer),
            409: "the new time was just taken",
            410: "the link was used or has expired",
        },
    )
    def post(self, request, token):
        body = VisitLinkUseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        visit_links.visit_link_use(token, **body.validated_data)
        return Response(VisitLinkSerializer(visit_links.visit_link_read(token)).data)


class SmsReplyView(APIView):
    """Twilio's inbound-message webhook: a patient answers C (confirm) or X (cancel)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [FormParser, JSONParser]
    throttle_classes = []  # Twilio's own addresses would share the anonymous limit

    @swagger_auto_schema(auto_schema=None)
    def post(self, request):
        params = {key: request.POST.get(key, "") for key in request.POST}
        url = sms_replies.webhook_url(request)
        if not sms_replies.signature_valid(url, params, request.headers.get("X-Twilio-Signature", "")):
            return HttpResponse("Invalid signature.", status=403, content_type="text/plain")
        reply = sms_replies.sms_reply_handle(sender=params.get("From", ""), body=params.get("Body", ""))
        return HttpResponse(sms_replies.twiml(reply), content_type="text/xml")


class CalendarFeedSerializer(serializers.Serializer):
    url = serializers.CharField(allow_null=True, help_text="The secret feed URL; null when there is no feed.")
    created_at = serializers.DateTimeField(allow_null=True)


class CalendarFeedView(APIView):
    """The caller's calendar subscription URL: read it, make a new one (POST), turn it off (DELETE)."""

    permission_classes = [IsDoctor | IsPatient]

    def _body(self, request, feed):
        if feed is None:
            return CalendarFeedSerializer({"url": None, "created_at": None}).data
        base = settings.PUBLIC_URL.rstrip("/") if settings.PUBLIC_URL else request.build_absolute_uri("/").rstrip("/")
        url = f"{base}/api/calendar-feeds/{feed.token}.ics"
        return CalendarFeedSerializer({"url": url, "created_at": feed.created_at.isoformat()}).data

    @swagger_auto_schema(
        responses={200: openapi.Response("{url, created_at}; url is null without a feed", CalendarFeedSerializer)}
    )
    def get(self, request):
        return Response(self._body(request, calendar_feeds.calendar_feed_get(user=request.user)))

    @swagger_auto_schema(
        request_body=no_body,
        responses={201: openapi.Response("{url, created_at}: a new URL; the old one is off", CalendarFeedSerializer)},
    )
    def post(self, request):
        feed = calendar_feeds.calendar_feed_regenerate(user=request.user)
        return Response(self._body(request, feed), status=201)

    @swagger_auto_schema(responses={204: "the feed is off; its URL answers 404"})
    def delete(self, request):
        calendar_feeds.calendar_feed_revoke(user=request.user)
        return Response(status=204)


class CalendarFeedIcsView(APIView):
    """The feed itself, for calendar apps: the secret token in the URL is the credential."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @swagger_auto_schema(
        responses={200: openapi.Response("An iCalendar feed", schema=openapi.Schema(type="string"))},
        produces=["text/calendar", "application/json"],
    )
    def get(self, request, token):
        ics = calendar_feeds.calendar_feed_ics(token=token)
        if ics is None:
            raise NotFound()
        response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, max-age=300"
        return response
