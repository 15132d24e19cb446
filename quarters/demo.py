"""Demo municipalities, quarters and staff. The figures are invented for the demo, not official statistics."""

import datetime
from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from accounts.demo import demo_user
from common.demo import DEMO_TOTP_SECRET

from . import services
from .models import Municipality, Quarter, QuarterStatistics, StaffRole

DEMO_SOURCE = "Demodaten (fiktiv, nicht amtlich)"

MUNICIPALITIES = [
    {"slug": "dortmund", "name": "Dortmund", "state": "Nordrhein-Westfalen", "official_key": "05913000"},
    {"slug": "gelsenkirchen", "name": "Gelsenkirchen", "state": "Nordrhein-Westfalen", "official_key": "05513000"},
]

QUARTERS = [
    {
        "slug": "dortmund-marten",
        "municipality": "dortmund",
        "name": "Marten",
        "description": "Stadtteil im Dortmunder Westen mit vielen älteren Menschen und wenig Orten der Begegnung.",
        "centre": ("51.5162", "7.3966"),
        "statistics": (9200, 1510, 5390, 1640, 660, "21.40", ["Deutsch", "Türkisch", "Polnisch", "Arabisch"]),
    },
    {
        "slug": "dortmund-eving",
        "municipality": "dortmund",
        "name": "Eving",
        "description": "Stadtteil im Dortmunder Norden, geprägt vom Bergbau, mit jungen Familien und vielen Sprachen.",
        "centre": ("51.5480", "7.4770"),
        "statistics": (19800, 3890, 12190, 2740, 980, "28.70", ["Deutsch", "Türkisch", "Arabisch", "Bulgarisch"]),
    },
    {
        "slug": "gelsenkirchen-ueckendorf",
        "municipality": "gelsenkirchen",
        "name": "Ückendorf",
        "description": "Stadtteil im Süden Gelsenkirchens mit Leerständen an der Bochumer Straße.",
        "centre": ("51.4950", "7.0970"),
        "statistics": (18400, 3610, 11620, 2270, 900, "31.20", ["Deutsch", "Türkisch", "Rumänisch", "Arabisch"]),
    },
]


def _activate_demo_mfa(user):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)


def seed(demo):
    for data in MUNICIPALITIES:
        municipality, _ = Municipality.objects.get_or_create(slug=data["slug"], defaults=data)
        demo.municipalities[data["slug"]] = municipality
    for data in QUARTERS:
        lat, lon = data["centre"]
        quarter, _ = Quarter.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "municipality": demo.municipalities[data["municipality"]],
                "name": data["name"],
                "description": data["description"],
                "centre_lat": Decimal(lat),
                "centre_lon": Decimal(lon),
            },
        )
        population, under_18, adults, seniors, eldest, share, languages = data["statistics"]
        QuarterStatistics.objects.get_or_create(
            quarter=quarter,
            reference_date=datetime.date(2025, 12, 31),
            defaults={
                "population": population,
                "age_under_18": under_18,
                "age_18_to_64": adults,
                "age_65_to_79": seniors,
                "age_80_plus": eldest,
                "share_without_german_citizenship": Decimal(share),
                "main_languages": languages,
                "source": DEMO_SOURCE,
            },
        )
        demo.quarters[data["slug"]] = quarter

    dortmund, gelsenkirchen = demo.municipalities["dortmund"], demo.municipalities["gelsenkirchen"]
    staff = [
        ("coordinator", "koordination@dortmund.demo.kudequa.de", "Petra Schulte", dortmund, "coordinator"),
        ("advisor", "beratung@dortmund.demo.kudequa.de", "Jonas Becker", dortmund, "advisor"),
        (
            "other_coordinator",
            "koordination@gelsenkirchen.demo.kudequa.de",
            "Meike Hoffmann",
            gelsenkirchen,
            "coordinator",
        ),
    ]
    role_names = {"coordinator": "Koordination", "advisor": "Beratung"}
    for key, email, name, municipality, role in staff:
        user = demo_user(demo, key, email, name, f"{role_names[role]} {municipality.name}")
        services.staff_role_grant(user=user, municipality=municipality, role=StaffRole.Role(role), by=None)
        _activate_demo_mfa(user)
    _activate_demo_mfa(demo.users["admin"])
