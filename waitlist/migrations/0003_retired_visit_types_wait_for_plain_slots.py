from django.db import migrations
from django.utils import timezone


def entries_of_retired_types_wait_for_plain_slots(apps, schema_editor):
    """Open entries left waiting for a visit type retired before retiring made them plain
    (waitlist.services.waitlist_visit_type_retired): they could never be offered anything."""
    WaitlistEntry = apps.get_model("waitlist", "WaitlistEntry")
    WaitlistEntry.objects.filter(status__in=("waiting", "offered"), visit_type__active=False).update(
        visit_type=None, updated_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("waitlist", "0002_visit_type"),
    ]

    operations = [
        migrations.RunPython(entries_of_retired_types_wait_for_plain_slots, migrations.RunPython.noop),
    ]
