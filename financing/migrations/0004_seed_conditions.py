from django.db import migrations

from financing.catalogue import Models, load_conditions, load_programmes


def seed(apps, schema_editor):
    models = Models.from_apps(apps)
    load_programmes(models)  # the Städtebauförderung programmes ask their area through a condition now
    load_conditions(models)


def unseed(apps, schema_editor):
    apps.get_model("financing", "Condition").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("financing", "0003_condition_programme_defining_conditions"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
