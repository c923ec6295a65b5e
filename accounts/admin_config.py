from django.contrib.admin.apps import AdminConfig


class ClinicAdminConfig(AdminConfig):
    """Django admin on ``accounts.admin_site.ClinicAdminSite`` (asks for the second factor)."""

    default_site = "accounts.admin_site.ClinicAdminSite"
