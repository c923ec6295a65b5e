from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from healthcare_system.admin_mixins import ReadOnlyAdminMixin
from healthcare_system.client_ip import client_ip

from .models import AccessLog, MedicalRecord
from .services import access_log_record_read, access_log_records_listed, medical_record_delete


@admin.register(MedicalRecord)
class MedicalRecordAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Records with their versions ("History" button): every edit's previous text and who made it."""

    list_display = ["id", "patient", "doctor", "appointment", "created_at", "updated_at"]
    # The appointment's own str() names its doctor and patient: join them too (no N+1).
    list_select_related = ["patient__user", "doctor__user", "appointment__doctor__user", "appointment__patient__user"]
    list_filter = ["created_at"]
    search_fields = ["patient__user__last_name", "patient__user__first_name", "doctor__user__last_name", "diagnosis"]
    raw_id_fields = ["appointment", "patient", "doctor"]
    readonly_fields = ["created_at", "updated_at"]
    history_list_display = ["diagnosis"]
    date_hierarchy = "created_at"
    # Records are written and edited only by the appointment's doctor (through the API, which
    # logs it); the admin reads them, their versions, and deletes ones entered by mistake through
    # this action (ReadOnlyAdminMixin refuses the plain delete), so the deletion is in the access log.
    actions = ["delete_through_service"]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Opening a record here is a read of medical data like any other: log it (the
        # record the page shows, already loaded: no second query for it).
        if obj is not None and request.method == "GET":
            access_log_record_read(user=request.user, record=obj, ip_address=client_ip(request))
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    # django-simple-history's version pages: reading them is a read of medical data (logged);
    # its "Revert" (a POST to a version) would rewrite a record past the service and the
    # log, whatever has_change_permission says, so it is refused: records are read-only here.
    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context=extra_context)
        if response.status_code == 200:
            self._log_version_read(request, object_id, self.model.history.filter(id=object_id))
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied("Medical records are read-only in the admin.")
        response = super().history_form_view(request, object_id, version_id, extra_context=extra_context)
        if response.status_code == 200:
            self._log_version_read(request, object_id, self.model.history.filter(history_id=version_id))
        return response

    def _log_version_read(self, request, object_id, versions):
        # The record may be deleted by now: its patient comes from its versions.
        patient_id = versions.values_list("patient_id", flat=True).first()
        if patient_id is not None:
            record = MedicalRecord(pk=object_id, patient_id=patient_id)
            access_log_record_read(user=request.user, record=record, ip_address=client_ip(request))

    def revert_disabled(self, request, obj=None):
        return True  # no "Revert" button on a version page

    def changelist_view(self, request, extra_context=None):
        # The list names each record's patient and doctor, and a search (by diagnosis, say)
        # tells which patients have what: every record shown is logged, as in the API list.
        response = super().changelist_view(request, extra_context=extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            records = list(changelist.result_list)
            access_log_records_listed(user=request.user, records=records, ip_address=client_ip(request))
        return response

    @admin.action(description="Delete selected records (kept in their version history)", permissions=["view"])
    def delete_through_service(self, request, queryset):
        if not request.user.is_admin:
            self.message_user(request, "Only clinic administrators delete medical records.", messages.ERROR)
            return
        records = list(queryset)
        for record in records:
            medical_record_delete(record=record, user=request.user, ip_address=client_ip(request))
        self.message_user(request, f"Deleted {len(records)} record(s); their versions stay in the history.")


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The access log, read-only: entries are appended by the application and never changed."""

    list_display = ["timestamp", "username", "action", "model_name", "object_id", "patient", "ip_address"]
    list_select_related = ["patient__user"]
    list_filter = ["action", "model_name", "timestamp"]
    search_fields = ["username", "object_id", "ip_address"]
    date_hierarchy = "timestamp"
    readonly_fields = [f.name for f in AccessLog._meta.fields]
