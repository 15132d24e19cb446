from django.db import migrations

from financing.catalogue import Models, load_catalogue


def seed(apps, schema_editor):
    load_catalogue(Models.from_apps(apps))


def unseed(apps, schema_editor):
    models = Models.from_apps(apps)
    models.CombinationRule.objects.all().delete()
    models.ServiceModel.objects.all().delete()
    models.Programme.objects.filter(created_by__isnull=True, municipality__isnull=True).delete()
    models.Programme.objects.exclude(municipality_name="").filter(created_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("financing", "0001_initial"),
        ("needs", "0002_seed_service_areas"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
