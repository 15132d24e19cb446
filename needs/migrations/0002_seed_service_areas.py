from django.db import migrations

SERVICE_AREAS = [
    ("nahversorgung", "Nahversorgung", "Local supply", "Lebensmittel, Dinge des täglichen Bedarfs, Post und Bank."),
    ("gesundheit-pflege", "Gesundheit & Pflege", "Health & care", "Ärztliche Versorgung, Pflege, Betreuung."),
    ("mobilitaet", "Mobilität", "Mobility", "Bus und Bahn, Fahrdienste, Bürgerbus, Wege im Quartier."),
    ("wohnen", "Wohnen", "Housing", "Bezahlbares, barrierefreies und gemeinschaftliches Wohnen."),
    ("bildung-betreuung", "Bildung & Betreuung", "Education & childcare", "Kita, Schule, Nachhilfe, Ganztag."),
    ("begegnung-kultur", "Begegnung & Kultur", "Meeting & culture", "Treffpunkte, Räume, Kultur, Feste."),
    ("digitale-teilhabe", "Digitale Teilhabe", "Digital participation", "Internet, Geräte, Hilfe im Umgang."),
    ("beratung-soziales", "Beratung & Soziales", "Advice & social services", "Sozialberatung, Hilfe im Alltag."),
    ("sport-freizeit", "Sport & Freizeit", "Sport & leisure", "Sportangebote, Spielplätze, Freizeit."),
]


def seed(apps, schema_editor):
    ServiceArea = apps.get_model("needs", "ServiceArea")
    for position, (slug, name_de, name_en, description_de) in enumerate(SERVICE_AREAS, start=1):
        ServiceArea.objects.update_or_create(
            slug=slug,
            defaults={"name_de": name_de, "name_en": name_en, "description_de": description_de, "position": position},
        )


def unseed(apps, schema_editor):
    apps.get_model("needs", "ServiceArea").objects.filter(slug__in=[s[0] for s in SERVICE_AREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("needs", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
