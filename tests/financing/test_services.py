"""Writes: programmes (with the tenancy check), imports, service models, linking municipalities."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from financing import services
from financing.models import Programme, ServiceModel
from tests.factories import MunicipalityFactory
from tests.financing.factories import instrument, legal_form

pytestmark = pytest.mark.django_db


def fields(**overrides):
    data = {"name": "Kiezkasse", "instrument_type": instrument("kommunale-zuschuesse"), "level": "municipal"}
    data.update(overrides)
    return data


def test_programme_create_makes_a_unique_slug(coordinator, municipality):
    first = services.programme_create(fields=fields(), municipality=municipality, by=coordinator)
    second = services.programme_create(fields=fields(), municipality=municipality, by=coordinator)
    assert (first.slug, second.slug) == ("kiezkasse", "kiezkasse-2")
    assert first.municipality_name == "Dortmund"


def test_programme_create_checks_the_tenancy(coordinator, other_municipality):
    with pytest.raises(PermissionDenied):
        services.programme_create(fields=fields(), municipality=other_municipality, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.programme_create(fields=fields(), municipality=None, by=coordinator)


def test_programme_update_validates(coordinator, municipality):
    programme = services.programme_create(fields=fields(), municipality=municipality, by=coordinator)
    with pytest.raises(ValidationError):
        services.programme_update(
            programme=programme, fields={"amount_min": Decimal(10), "amount_max": Decimal(5)}, by=coordinator
        )
    services.programme_update(
        programme=programme,
        fields={"eligible_legal_forms": [legal_form("ev")], "amount_max": Decimal(900)},
        by=coordinator,
    )
    programme.refresh_from_db()
    assert programme.amount_max == 900 and programme.eligible_legal_forms.get().slug == "ev"


def test_shared_programmes_are_read_only_for_coordinators(coordinator):
    with pytest.raises(PermissionDenied):
        services.programme_delete(programme=Programme.objects.get(slug="startnext"), by=coordinator)


def test_municipality_state_must_agree(admin_user):
    gelsenkirchen = MunicipalityFactory(name="Kassel", slug="kassel", state="Hessen")
    with pytest.raises(ValidationError, match="another federal state"):
        services.programme_create(fields=fields(state="DE-NW"), municipality=gelsenkirchen, by=admin_user)


def test_link_programmes_when_the_municipality_joins():
    assert Programme.objects.filter(municipality__isnull=False).count() == 0
    MunicipalityFactory(name="Dortmund", slug="dortmund")  # the signal links them
    assert Programme.objects.filter(municipality__slug="dortmund").count() == 4
    assert services.programmes_link_municipalities() == 0  # nothing left to link


def test_service_model_create_and_update(coordinator):
    model = services.service_model_create(
        fields={"name": "Dorfauto", "summary": "Ein Auto für alle."},
        by=coordinator,
        legal_form_lines=[(legal_form("ev"), "Verein")],
        financing_lines=[(instrument("spenden"), Decimal(60), ""), (instrument("erloese"), None, "Fahrtentgelte")],
    )
    assert model.slug == "dorfauto"
    assert [line.share_percent for line in model.financing_lines.all()] == [60, None]
    services.service_model_update(
        service_model=model, fields={"risks": "Wenige Fahrerinnen."}, by=coordinator, financing_lines=[]
    )
    model.refresh_from_db()
    assert model.risks == "Wenige Fahrerinnen." and not model.financing_lines.exists()
    with pytest.raises(ValidationError):
        services.service_model_update(
            service_model=model,
            fields={"one_off_cost_min": Decimal(10), "one_off_cost_max": Decimal(5)},
            by=coordinator,
        )
    assert ServiceModel.objects.filter(slug="dorfauto").exists()
