"""What the Django admin of every app shares."""


class ReadOnlyAdminMixin:
    """An admin that shows rows and never adds, changes or deletes them (logs, outboxes, records
    written through services). Put it before ``admin.ModelAdmin`` in the bases; an admin that
    must act offers an action that calls the service."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
