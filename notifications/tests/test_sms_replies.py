"""SMS replies: C confirms and X cancels the sender's next visit; only Twilio-signed posts count."""

import base64
import hashlib
import hmac
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from appointments.models import AppointmentStatus, ClinicSettings

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db

URL = "http://testserver/api/sms/replies/"
TOKEN = "twilio-auth-token-for-tests"


@pytest.fixture(autouse=True)
def _token(settings):
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.TWILIO_WEBHOOK_URL = ""


def _sign(params, url=URL, token=TOKEN):
    # Twilio's algorithm, written out from its documentation: URL, then name+value of each
    # POST parameter in name order, HMAC-SHA1 with the auth token, base64.
    message = url + "".join(name + params[name] for name in sorted(params))
    return base64.b64encode(hmac.new(token.encode(), message.encode(), hashlib.sha1).digest()).decode()


def _post(client, params, signature):
    # As Twilio posts: a urlencoded form.
    return client.post(
        "/api/sms/replies/", urlencode(params), "application/x-www-form-urlencoded", HTTP_X_TWILIO_SIGNATURE=signature
    )


def _reply(client, sender, body, *, signature=None):
    params = {"From": sender, "Body": body, "To": "+4930000000", "MessageSid": "SM123"}
    return _post(client, params, signature if signature is not None else _sign(params))


def _visit(hours, **kwargs):
    start = timezone.now().replace(microsecond=0) + timedelta(hours=hours)
    return AppointmentFactory(start=start, end=start + timedelta(minutes=30), **kwargs)


def test_c_confirms_the_next_visit(client):
    later = _visit(72, status=AppointmentStatus.CONFIRMED)
    sooner = _visit(48, patient=later.patient, doctor=later.doctor)

    response = _reply(client, later.patient.phone.as_e164, " c ")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    assert b"<Response><Message>Thank you: your visit with" in response.content
    sooner.refresh_from_db()
    later.refresh_from_db()
    assert sooner.patient_confirmed_at is not None
    assert later.patient_confirmed_at is None


def test_x_cancels_outside_the_cutoff_and_explains_inside_it(client):
    ClinicSettings.objects.update_or_create(pk=1, defaults={"cancellation_cutoff_hours": 24})
    soon = _visit(5)

    refused = _reply(client, soon.patient.phone.as_e164, "X")
    soon.refresh_from_db()
    assert soon.status == AppointmentStatus.PENDING
    assert b"up to 24 hours before" in refused.content

    soon.delete()
    later = _visit(48)
    _reply(client, later.patient.phone.as_e164, "x")
    later.refresh_from_db()
    assert (later.status, later.cancelled_by) == (AppointmentStatus.CANCELLED, later.patient.user)


@pytest.mark.parametrize(
    "signature",
    ["", "not-base64", _sign({"From": "+1", "Body": "X"})],
)
def test_a_post_without_a_valid_signature_changes_nothing(client, signature):
    visit = _visit(48)

    response = _reply(client, visit.patient.phone.as_e164, "X", signature=signature)

    assert response.status_code == 403
    visit.refresh_from_db()
    assert visit.status == AppointmentStatus.PENDING


def test_a_signature_for_another_url_or_token_is_refused(client):
    visit = _visit(48)
    params = {"From": visit.patient.phone.as_e164, "Body": "X"}

    assert _post(client, params, _sign(params, url=URL + "x")).status_code == 403
    assert _post(client, params, _sign(params, token="other")).status_code == 403


def test_without_an_auth_token_every_post_is_refused(client, settings):
    settings.TWILIO_AUTH_TOKEN = ""
    visit = _visit(48)

    assert _reply(client, visit.patient.phone.as_e164, "X").status_code == 403


def test_the_configured_webhook_url_is_what_is_signed(client, settings):
    settings.TWILIO_WEBHOOK_URL = "https://clinic.example/api/sms/replies/"
    visit = _visit(48)
    params = {"From": visit.patient.phone.as_e164, "Body": "C"}

    response = _post(client, params, _sign(params, url=settings.TWILIO_WEBHOOK_URL))

    assert response.status_code == 200
    visit.refresh_from_db()
    assert visit.patient_confirmed_at is not None


def test_unknown_numbers_and_other_words_get_help(client):
    visit = _visit(48)

    assert b"no upcoming visit" in _reply(client, "+4915100000000", "C").content
    assert b"Reply C to confirm" in _reply(client, visit.patient.phone.as_e164, "hello").content
