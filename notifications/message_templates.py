"""Which template a message is written from: the clinic's own (admin), else the shipped file.

Order, for the recipient's language and then English: a ``MessageTemplate`` row the clinic
edited in the admin, then the file ``notifications/<lang>/<channel>/<event>.<ext>`` (German
ships for every message), then the English file ``notifications/<channel>/<event>.<ext>``.
Rendering runs under ``translation.override(language)``, so Django's i18n (dates, gettext in
templates) speaks the same language as the text.
"""

from django.conf import settings
from django.template import Context, Template, TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import MessageTemplate

EMAIL, SMS = "email", "sms"

# Subjects of the shipped templates (translated with Django's i18n: locale/<lang>/LC_MESSAGES).
SUBJECTS = {
    "booked": _("Appointment booked: {when}"),
    "confirmed": _("Appointment confirmed: {when}"),
    "rescheduled": _("Appointment moved to {when}"),
    "cancelled": _("Appointment cancelled: {when}"),
    "reminder": _("Reminder: your appointment on {when}"),
    "leave": _("Your appointment on {when} needs a new time"),
    "offered": _("A time freed up: {when} is held for you"),
    "series_booked": _("Appointment series booked from {when}"),
    "series_cancel": _("Appointment series cancelled from {when}"),
}


def languages_for(language: str | None) -> list[str]:
    known = {code for code, _ in settings.LANGUAGES}
    first = (language or "en").split("-")[0]
    return [first, "en"] if first in known and first != "en" else ["en"]


def custom_templates(event: str, languages) -> dict[tuple[str, str], MessageTemplate]:
    """The clinic's own templates of ``event`` in any of ``languages`` (and English), keyed by
    (channel, language): one query for all the messages of an event, for ``render_message``."""
    wanted = {lang for language in languages for lang in languages_for(language)}
    rows = MessageTemplate.objects.filter(event=event, language__in=wanted).order_by()
    return {(row.channel, row.language): row for row in rows}


def render_message(
    *,
    event: str,
    channel: str,
    language: str | None,
    context: dict,
    custom: dict[tuple[str, str], MessageTemplate] | None = None,
) -> dict:
    """{subject, body_text, body_html} of one message (subject and HTML empty for SMS).

    ``custom``, from ``custom_templates`` for this event and language, saves the lookup."""
    for lang in languages_for(language):
        with translation.override(lang):
            if custom is None:
                template = MessageTemplate.objects.filter(event=event, channel=channel, language=lang).first()
            else:
                template = custom.get((channel, lang))
            if template is not None:
                return render_custom(template, context)
            files = _render_files(event, channel, lang, context)
            if files is not None:
                return files
    raise TemplateDoesNotExist(f"notifications/{channel}/{event}")


def render_custom(template: MessageTemplate, context: dict) -> dict:
    ctx = Context(context, autoescape=False)
    text = Template(template.body_text).render(ctx).strip()
    if template.channel == SMS:
        return {"subject": "", "body_text": text, "body_html": ""}
    html = Template(template.body_html).render(Context(context)) if template.body_html else ""
    subject = " ".join(Template(template.subject).render(ctx).split())
    return {"subject": subject, "body_text": text + "\n", "body_html": html}


def _render_files(event: str, channel: str, lang: str, context: dict) -> dict | None:
    prefix = "notifications" if lang == "en" else f"notifications/{lang}"
    try:
        if channel == SMS:
            return {
                "subject": "",
                "body_text": render_to_string(f"{prefix}/sms/{event}.txt", context).strip(),
                "body_html": "",
            }
        return {
            "subject": f"[{context['clinic_name']}] " + str(SUBJECTS[event]).format(when=context["when"]),
            "body_text": render_to_string(f"{prefix}/email/{event}.txt", context).strip() + "\n",
            "body_html": render_to_string(f"{prefix}/email/{event}.html", context),
        }
    except TemplateDoesNotExist:
        if lang == "en":
            raise
        return None


def sample_context() -> dict:
    """A made-up visit for previews, with every variable a real message has."""
    from appointments.models import ClinicSettings

    clinic = ClinicSettings.load().clinic_name
    link = "https://clinic.example/visit/sample-token"
    return {
        "event": "reminder",
        "clinic_name": clinic,
        "is_patient": True,
        "is_doctor": False,
        "recipient_name": "Ann Lee",
        "patient_name": "Ann Lee",
        "doctor_name": "Dr. Maria Schmidt",
        "specialty": "Cardiology",
        "location": f"{clinic}, Invalidenstraße 1, Berlin",
        "when": "Mon 1 Mar 2027, 09:30 CET",
        "ends": "10:00",
        "timezone": "Europe/Berlin",
        "previous_when": "Fri 26 Feb 2027, 11:00 CET",
        "status": "Confirmed",
        "appointment_id": 42,
        "cancellation_reason": "",
        "change_reason": "",
        "changed_by_label": "the clinic",
        "cancelled_by_label": "the clinic",
        "links": {"confirm": f"{link}-confirm", "cancel": f"{link}-cancel", "reschedule": f"{link}-reschedule"},
    }


def shipped_source(*, event: str, channel: str, language: str = "en") -> dict:
    """The shipped wording as a starting point for the clinic's own (the file's source text)."""
    from django.template.loader import get_template

    prefix = "notifications" if language == "en" else f"notifications/{language}"

    def source(name: str) -> str:
        try:
            return get_template(f"{prefix}/{name}").template.source
        except TemplateDoesNotExist:
            return ""

    if channel == SMS:
        return {"body_text": source(f"sms/{event}.txt")}
    subject = str(SUBJECTS.get(event, "")).replace("{when}", "{{ when }}")
    return {
        "subject": f"[{{{{ clinic_name }}}}] {subject}",
        "body_text": source(f"email/{event}.txt"),
        "body_html": source(f"email/{event}.html"),
    }
