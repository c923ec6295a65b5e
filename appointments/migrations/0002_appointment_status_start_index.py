# Reports and lists filter one status over a date range (revenue counts completed visits).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('appointments', '0001_initial'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='appointment',
            index=models.Index(fields=['status', 'start'], name='appointments_status_start_idx'),
        ),
    ]
