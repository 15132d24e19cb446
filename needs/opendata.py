"""Open data: a quarter's published needs, confirmed offers and potentials, without any personal data.

No author, supporter, suggester or account is ever exported, so an export stays free of personal data
after an account is deleted, too. The points of needs are rounded to about 100 m: a resident may have
placed a need at their own door.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone

from quarters.models import Quarter

from . import queries

LICENSE_ID = "dl-de/by-2-0"
LICENSE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENSE_URL = "https://www.govdata.de/dl-de/by-2-0"
NEED_COORDINATE_PLACES = Decimal("0.001")  # about 100 m
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """Spreadsheets run cells starting with = + - @ as formulas; a leading apostrophe keeps them text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _rounded(value, places):
    if value is None:
        return None
    return float(Decimal(value).quantize(places, rounding=ROUND_HALF_UP))


def _float(value):
    return None if value is None else float(value)


def export_data(quarter: Quarter) -> dict:
    """The export as plain data (the JSON file); the CSV is the same records, one per row."""
    needs = [
        {
            "id": need.pk,
            "service_area": need.service_area.slug,
            "title": need.title,
            "description": need.description,
            "affected_groups": list(need.affected_groups),
            "supports": need.support_count,
            "comments": need.comment_total,
            "published_on": timezone.localdate(need.published_at).isoformat() if need.published_at else None,
            "latitude": _rounded(need.latitude, NEED_COORDINATE_PLACES),
            "longitude": _rounded(need.longitude, NEED_COORDINATE_PLACES),
        }
        for need in queries.need_list(quarter=quarter, sort="newest")
    ]
    offers = [
        {
            "id": offer.pk,
            "service_area": offer.service_area.slug,
            "name": offer.name,
            "operator": offer.operator,
            "address": offer.address,
            "status": offer.status,
            "description": offer.description,
            "website": offer.website,
            "latitude": _float(offer.latitude),
            "longitude": _float(offer.longitude),
        }
        for offer in queries.confirmed_offers(quarter)
    ]
    potentials = [
        {
            "id": potential.pk,
            "kind": potential.kind,
            "title": potential.title,
            "description": potential.description,
            "service_area": potential.service_area.slug if potential.service_area else None,
            "address": potential.address,
            "floor_area_m2": potential.floor_area,
            "owner_type": potential.owner_type or None,
            "building_status": potential.building_status or None,
            "hours_per_month": potential.hours_per_month,
            "amount_eur": None if potential.amount is None else str(potential.amount),
            "website": potential.website,
            "latitude": _float(potential.latitude),
            "longitude": _float(potential.longitude),
        }
        for potential in queries.confirmed_potentials(quarter)
    ]
    return {
        "license": {"id": LICENSE_ID, "name": LICENSE_NAME, "url": LICENSE_URL},
        "attribution": f"{settings.KUDEQUA_OPERATOR}, {quarter.municipality.name}",
        "quarter": {"slug": quarter.slug, "name": quarter.name, "municipality": quarter.municipality.name},
        "generated_on": timezone.localdate().isoformat(),
        "needs": needs,
        "offers": offers,
        "potentials": potentials,
    }


CSV_COLUMNS = [
    "record_type",
    "id",
    "service_area",
    "kind",
    "title",
    "description",
    "affected_groups",
    "supports",
    "comments",
    "published_on",
    "operator",
    "address",
    "status",
    "floor_area_m2",
    "owner_type",
    "hours_per_month",
    "amount_eur",
    "website",
    "latitude",
    "longitude",
    "license",
]


def export_csv(quarter: Quarter) -> str:
    """One row per record (need, offer, potential); the licence is named in a column of every row."""
    data = export_data(quarter)
    license_text = f"{LICENSE_NAME} ({LICENSE_ID}), {LICENSE_URL}; {data['attribution']}"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()

    def write(record_type, record, **extra):
        row = {**record, **extra, "record_type": record_type, "license": license_text}
        writer.writerow({key: csv_safe("" if value is None else value) for key, value in row.items()})

    for need in data["needs"]:
        write("need", need, affected_groups="|".join(need["affected_groups"]))
    for offer in data["offers"]:
        write("offer", offer, title=offer["name"])
    for potential in data["potentials"]:
        write("potential", potential, status=potential["building_status"])
    return buffer.getvalue()
