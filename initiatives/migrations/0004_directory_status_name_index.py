"""The directory counts and pages the published initiatives ordered by name: an index on (status, name) serves
both (an index scan in name order instead of reading and sorting the whole table)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_financing_plan")]

    operations = [
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(fields=["status", "name"], name="initiative_status_name"),
        ),
    ]
