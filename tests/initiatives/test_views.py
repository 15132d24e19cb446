"""The registry through the browser: register, review, publish, team, concept, search, takeover; bad input."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from financing.models import ServiceModel
from initiatives import services
from initiatives.models import ConceptLineItem, HelpOffer, Initiative, Membership, MunicipalTakeover, Photo, Pledge
from tests.initiatives.factories import HelpOfferFactory, InitiativeFactory, PledgeFactory, TakeoverFactory, legal_form
from tests.needs.factories import NeedFactory, SupportFactory, area

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    """Pages in English (the message ids) so assertions do not depend on the German translation."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def client_for(client_for, settings):
    """The shared helper, with the language cookie set to English after signing in."""

    def sign_in(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return sign_in


def png(name="logo.png", size=(60, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def url(name, initiative, *args):
    return reverse(f"initiatives:{name}", args=[initiative.slug, *args])


# --- The whole way: register, review, publish, find ----------------------------------------------


def test_register_review_publish_and_find(client_for, quarter, resident, coordinator):
    need = NeedFactory(quarter=quarter, title="Treffpunkt fehlt")
    SupportFactory.create_batch(3, need=need)
    client = client_for(resident)
    response = client.post(
        reverse("initiatives:create"),
        {"name": "Quartierstreff Marten", "quarters": [quarter.pk], "short_description": "Ein Ort für alle."},
    )
    initiative = Initiative.objects.get()
    assert response.url == url("wizard", initiative, 2)
    client.post(
        url("wizard", initiative, 2),
        {"motives": ["community", "building"], "answered_needs": [need.pk], "service_areas": [area().pk]},
    )
    client.post(url("wizard", initiative, 3), {"legal_form": legal_form("ev").pk, "stage": "concept"})
    response = client.post(
        url("wizard", initiative, 4),
        {"space": "Laden am Markt", "capital_need": "12000", "own_funds": "500", "volunteer_hours_per_month": "30"},
    )
    assert response.url == url("wizard", initiative, 5)
    summary = client.get(url("wizard", initiative, 5))
    assert "Treffpunkt fehlt" in summary.content.decode() and "3 supports" in summary.content.decode()
    response = client.post(url("submit", initiative), page=summary)
    initiative.refresh_from_db()
    assert initiative.status == "submitted"
    # Not yet public.
    assert client_for(None).get(initiative.get_absolute_url()).status_code == 302

    response = client_for(coordinator).post(url("review", initiative), {"decision": "publish", "comment": ""})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "published"

    public = client_for(None)
    page = public.get(initiative.get_absolute_url()).content.decode()
    assert "Quartierstreff Marten" in page and "Treffpunkt fehlt" in page
    listing = public.get(reverse("initiatives:list"), {"q": "Quartierstreff"}).content.decode()
    assert "Quartierstreff Marten" in listing


def test_leaving_and_coming_back_keeps_everything(client_for, draft, lead):
    client = client_for(lead)
    client.post(
        url("wizard", draft, 1),
        {
            "name": "Entwurf",
            "quarters": [draft.quarters.get().pk],
            "short_description": "Kurz",
            "description": "Lang und ausführlich",
            "contact_email": "kontakt@example.org",
            "leave": "1",
        },
    )
    page = client.get(url("wizard", draft, 1)).content.decode()
    assert "Lang und ausführlich" in page and "kontakt@example.org" in page
    # Steps not reached yet send back to the furthest step.
    assert client.get(url("wizard", draft, 5)).url == url("wizard", draft, 2)


def test_request_changes_shows_the_comment_to_the_team(client_for, quarter, lead, coordinator):
    initiative = InitiativeFactory(quarter=quarter, status="submitted", lead=lead)
    response = client_for(coordinator).post(url("review", initiative), {"decision": "request_changes", "comment": ""})
    assert response.status_code == 200  # the comment is required
    initiative.refresh_from_db()
    assert initiative.status == "submitted"
    client_for(coordinator).post(
        url("review", initiative), {"decision": "request_changes", "comment": "Bitte Kontakt angeben."}
    )
    page = client_for(lead).get(url("members_area", initiative)).content.decode()
    assert "Bitte Kontakt angeben." in page


def test_reject_with_reason(client_for, quarter, lead, coordinator):
    initiative = InitiativeFactory(quarter=quarter, status="submitted", lead=lead)
    client_for(coordinator).post(url("review", initiative), {"decision": "reject", "comment": "Doppelt."})
    initiative.refresh_from_db()
    assert initiative.status == "rejected"
    assert client_for(None).get(initiative.get_absolute_url()).status_code == 302


# --- Bad input -----------------------------------------------------------------------------------


def test_duplicate_name_shows_a_message_and_creates_nothing(client_for, quarter, resident, initiative):
    response = client_for(resident).post(
        reverse("initiatives:create"),
        {"name": "Nachbarschaftscafé", "quarters": [quarter.pk], "short_description": "x"},
    )
    assert response.status_code == 200
    assert "already exists in this quarter" in response.content.decode()
    assert Initiative.objects.count() == 1


def test_a_supporter_cannot_edit(client_for, initiative, supporter):
    client = client_for(supporter)
    response = client.forge_post(url("wizard", initiative, 3), {"legal_form": "", "stage": "operating"})
    assert response.status_code == 403
    assert client.forge_post(url("concept_edit", initiative), {"offer": "Übernommen"}).status_code == 403
    initiative.refresh_from_db()
    assert initiative.stage == "idea" and initiative.concept.offer == ""


def test_editing_another_initiative_is_forbidden(client_for, quarter, initiative, resident):
    own = InitiativeFactory(quarter=quarter, lead=resident)
    client = client_for(resident)
    assert client.get(url("wizard", own, 1)).status_code == 200
    assert client.forge_post(url("wizard", initiative, 3), {"stage": "paused"}).status_code == 403
    initiative.refresh_from_db()
    assert initiative.stage == "idea"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "not an image"),
        (SimpleUploadedFile("x.png", b"\0" * (5 * 1024 * 1024 + 10)), "larger than 5 MB"),
    ],
)
def test_bad_uploads_are_refused(client_for, initiative, lead, upload, message):
    response = client_for(lead).post(url("photos", initiative), {"image": upload, "caption": "x"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Photo.objects.exists()


def test_logo_and_photo_upload(client_for, initiative, lead):
    client = client_for(lead)
    assert client.post(url("logo", initiative), {"logo": png()}).status_code == 302
    initiative.refresh_from_db()
    assert initiative.logo.name.startswith("initiatives/logos/") and "logo" not in initiative.logo.name.rsplit("/")[-1]
    client.post(url("photos", initiative), {"image": png("foto.png"), "caption": "Eröffnung"})
    photo = Photo.objects.get()
    assert photo.caption == "Eröffnung"
    client.post(url("photo_delete", initiative, photo.pk), page=url("photos", initiative))
    assert not Photo.objects.exists()


def test_invitation_flow_and_second_use(client_for, initiative, lead, resident, advisor):
    with TestCase.captureOnCommitCallbacks(execute=True):
        client_for(lead).post(url("team", initiative), {"email": "neu@example.org", "role": "core"})
    body = mail.outbox[0].body
    link = next(line for line in body.splitlines() if "/einladung/" in line)
    path = link[link.index("/initiativen/") :]
    assert client_for(None).get(path).status_code == 200
    response = client_for(resident).post(path)
    assert response.status_code == 302
    assert initiative.memberships.get(user=resident).role == "core"
    second = client_for(advisor).forge_post(path)  # the used link, posted again
    assert second.status_code == 410
    assert "already been used" in second.content.decode()
    assert not initiative.memberships.filter(user=advisor).exists()


def test_a_core_member_cannot_invite(client_for, initiative, core_member):
    response = client_for(core_member).forge_post(url("team", initiative), {"email": "x@example.org", "role": "lead"})
    assert response.status_code == 403
    assert not initiative.invitations.exists()


def test_expired_invitation_page(client_for, initiative, lead):
    invitation, token = services.invitation_create(initiative=initiative, email="a@example.org", role="core", by=lead)
    invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invitation.save()
    response = client_for(None).get(reverse("initiatives:invitation_accept", args=[token]))
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert client_for(None).get(reverse("initiatives:invitation_accept", args=["unknown"])).status_code == 404


def test_remove_member_needs_confirmation(client_for, initiative, lead, supporter):
    membership = initiative.memberships.get(user=supporter)
    client = client_for(lead)
    page = client.get(url("membership_remove", initiative, membership.pk))
    assert page.status_code == 200 and "Sina Supporter" in page.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    client.post(url("membership_remove", initiative, membership.pk))
    assert not Membership.objects.filter(pk=membership.pk).exists()


# --- Mitmachen and pledges -----------------------------------------------------------------------


def test_help_offer_and_acceptance(client_for, initiative, resident, core_member):
    client_for(resident).post(
        url("help_offer", initiative), {"skills": "Backen", "hours_per_month": "6", "contact": "0231 1"}
    )
    offer = HelpOffer.objects.get()
    client_for(core_member).post(
        url("help_offer_decide", initiative, offer.pk), {"decision": "accept"}, page=url("members_area", initiative)
    )
    offer.refresh_from_db()
    assert offer.status == "accepted"
    page = client_for(None).get(initiative.get_absolute_url()).content.decode()
    assert "Hours pledged per month" in page


def test_pledges_are_seen_only_by_lead_and_core(client_for, initiative, resident, supporter, core_member, coordinator):
    client_for(resident).post(
        url("pledge", initiative), {"kind": "shares", "share_count": "2", "share_price": "250.00"}
    )
    pledge = Pledge.objects.get()
    assert pledge.money == Decimal("500.00")
    core_page = client_for(core_member).get(url("members_area", initiative)).content.decode()
    assert "Pledge ledger" in core_page and "Rita Resident" in core_page and "500\xa0€" in core_page
    for viewer in (supporter, coordinator):
        page = client_for(viewer).get(url("members_area", initiative)).content.decode()
        assert "Pledge ledger" not in page and "Rita Resident" not in page
    # Totals are public.
    assert "500\xa0€" in client_for(None).get(initiative.get_absolute_url()).content.decode()


def test_invalid_pledge_shows_the_error(client_for, initiative, resident):
    response = client_for(resident).post(url("pledge", initiative), {"kind": "loan"})
    assert response.status_code == 200
    assert not Pledge.objects.exists()


def test_viability_check_in_the_members_area(client_for, initiative, core_member):
    initiative.legal_form = legal_form("eg")
    initiative.save()
    page = client_for(core_member).get(url("members_area", initiative)).content.decode()
    assert "Viability check" in page and "needs at least 3 founders" in page


# --- Concept -------------------------------------------------------------------------------------


def test_concept_edit_history_and_diff(client_for, initiative, lead, core_member):
    sections = {
        "need_and_evidence": "Viele Unterstützungen",
        "offer": "Café",
        "target_groups": "",
        "space_and_location": "",
        "operating_model": "",
        "partners": "",
        "volunteer_activation": "",
        "volunteer_hours_needed": "20",
    }
    client_for(lead).post(url("concept_edit", initiative), sections)
    client_for(core_member).post(url("concept_edit", initiative), {**sections, "offer": "Café\nMittagstisch"})
    client_for(core_member).post(
        url("line_item_add", initiative),
        {"category": "annual_cost", "label": "Miete", "amount": "1200"},
        page=url("concept_edit", initiative),
    )
    client_for(core_member).post(
        url("milestone_add", initiative),
        {"title": "Eröffnung", "due_on": "2026-06-01", "note": ""},
        page=url("concept_edit", initiative),
    )
    concept = client_for(None).get(url("concept", initiative)).content.decode()
    assert "Mittagstisch" in concept and "1.200\xa0€" in concept and "01.06.2026" in concept
    history = client_for(lead).get(url("concept_history", initiative)).content.decode()
    assert "Carl Core" in history
    diff = client_for(lead).get(url("concept_version", initiative, 2)).content.decode()
    assert "+ Mittagstisch" in diff


def test_negative_amount_is_refused(client_for, initiative, lead):
    response = client_for(lead).post(
        url("line_item_add", initiative),
        {"category": "annual_cost", "label": "Miete", "amount": "-5"},
        page=url("concept_edit", initiative),
    )
    assert response.status_code == 200
    assert not ConceptLineItem.objects.exists()


def test_cost_lines_take_amounts_as_people_type_them_in_germany(client_for, initiative, lead):
    """The concept's cost lines read "12.500" as twelve thousand five hundred, as the financing plan does (a
    number field read it as 12,5 and refused it, and the browser dropped the comma of "1.234,56")."""
    for amount in ("12.500", "1.234,56 €", "800"):
        client_for(lead).post(
            url("line_item_add", initiative),
            {"category": "one_off_cost", "label": f"Posten {amount}", "amount": amount},
            page=url("concept_edit", initiative),
        )
    assert sorted(ConceptLineItem.objects.values_list("amount", flat=True)) == [
        Decimal("800"),
        Decimal("1234.56"),
        Decimal("12500"),
    ]
    response = client_for(lead).post(
        url("line_item_add", initiative),
        {"category": "one_off_cost", "label": "Zu genau", "amount": "12,505"},
        page=url("concept_edit", initiative),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Use at most two decimal places (whole cents)." in text and 'value="12,505"' in text


def test_copy_concept_to_another_quarter(client_for, initiative, other_quarter, resident):
    initiative.concept.offer = "Café"
    initiative.concept.save()
    response = client_for(resident).post(
        url("concept_copy", initiative), {"name": "Café Ückendorf", "quarters": [other_quarter.pk]}
    )
    copy = Initiative.objects.get(name="Café Ückendorf")
    assert response.url == url("wizard", copy, 2)
    page = client_for(resident).get(url("concept", copy)).content.decode()
    assert "Café" in page and "Nachbarschaftscafé" in page  # shows where it came from


def test_start_from_model(client_for, quarter, resident):
    model = ServiceModel.objects.create(slug="test-buergerbus", name="Bürgerbus (Test)", summary="Ein Bus.")
    model.service_areas.set([area("mobilitaet")])
    start = reverse("initiatives:start_from_model", args=[model.slug])
    page = client_for(resident).get(start).content.decode()
    assert "Bürgerbus (Test)" in page
    client_for(resident).post(start, {"name": "Bus Marten", "quarters": [quarter.pk], "short_description": "Bus"})
    initiative = Initiative.objects.get(name="Bus Marten")
    assert initiative.started_from_model == model and initiative.concept.offer == "Ein Bus."


# --- Network and takeover ------------------------------------------------------------------------


def test_network(client_for, quarter, initiative, lead):
    other = InitiativeFactory(quarter=quarter, name="Repair-Café")
    client = client_for(lead)
    client.post(
        url("link_add", initiative),
        {"other": other.pk, "description": "teilen Werkzeug"},
        page=url("network", initiative),
    )
    client.post(
        url("actor_add", initiative),
        {"actor_name": "Wirtschaftsförderung", "actor_kind": "economic_development", "role": "advises"},
        page=url("network", initiative),
    )
    page = client_for(None).get(url("network", initiative)).content.decode()
    assert "Repair-Café" in page and "Wirtschaftsförderung" in page and "advises" in page


def test_coordinator_takes_over_and_sees_the_overview(client_for, initiative, coordinator, advisor):
    review_on = timezone.localdate() + datetime.timedelta(days=90)
    response = client_for(coordinator).post(
        url("takeover", initiative),
        {"quarter_coordinator": advisor.pk, "reason": "Kein Träger gefunden.", "review_on": review_on.isoformat()},
    )
    assert response.status_code == 302
    takeover = MunicipalTakeover.objects.get()
    assert takeover.quarter_coordinator == advisor
    overview = (
        client_for(coordinator)
        .get(reverse("initiatives:takeovers", args=[initiative.municipality.slug]))
        .content.decode()
    )
    assert "Nachbarschaftscafé" in overview and "Adam Advisor" in overview
    # The appointed quarter coordinator now carries the initiative.
    assert client_for(advisor).get(url("wizard", initiative, 1)).status_code == 200
    assert "carries this initiative" in client_for(None).get(initiative.get_absolute_url()).content.decode()
    client_for(coordinator).post(url("takeover_end", initiative), {"note": "Verein übernimmt"})
    takeover.refresh_from_db()
    assert takeover.ended_at is not None


def test_takeover_needs_staff_of_the_municipality(client_for, initiative, coordinator, resident):
    response = client_for(coordinator).post(
        url("takeover", initiative),
        {"quarter_coordinator": resident.pk, "reason": "x", "review_on": "2099-01-01"},
    )
    assert response.status_code == 200
    assert not MunicipalTakeover.objects.exists()


# --- Directory -----------------------------------------------------------------------------------


def test_directory_filters(client_for, quarter, other_quarter):
    InitiativeFactory(quarter=quarter, name="Bürgerbus", motives=["supply_gap"], stage="operating")
    InitiativeFactory(quarter=other_quarter, name="Gemeinschaftsgarten", motives=["community"])
    InitiativeFactory(quarter=quarter, name="Geheimer Entwurf", status="draft")
    client = client_for(None)

    def names(**params):
        page = client.get(reverse("initiatives:list"), params).content.decode()
        return {n for n in ("Bürgerbus", "Gemeinschaftsgarten", "Geheimer Entwurf") if n in page}

    assert names() == {"Bürgerbus", "Gemeinschaftsgarten"}
    assert names(motive="community") == {"Gemeinschaftsgarten"}
    assert names(quarter=quarter.slug) == {"Bürgerbus"}
    assert names(municipality=other_quarter.municipality.slug) == {"Gemeinschaftsgarten"}
    assert names(stage="operating") == {"Bürgerbus"}
    assert names(q="Gemeinschaftsgarten") == {"Gemeinschaftsgarten"}
    assert names(q="Entwurf") == set()


def test_map_only_with_a_tile_server(client_for, settings, quarter):
    quarter.centre_lat, quarter.centre_lon = Decimal("51.5"), Decimal("7.4")
    quarter.save()
    InitiativeFactory(quarter=quarter)
    client = client_for(None)
    settings.MAP_TILE_URL = ""
    assert 'id="initiatives-map"' not in client.get(reverse("initiatives:list")).content.decode()
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    page = client.get(reverse("initiatives:list")).content.decode()
    assert 'id="initiatives-map"' in page and "initiatives-map-points" in page and "leaflet.js" in page


# --- Query counts --------------------------------------------------------------------------------


def test_list_query_count(client_for, quarter, django_assert_max_num_queries):
    for n in range(25):
        InitiativeFactory(quarter=quarter, name=f"Initiative {n:02}")
    client = client_for(None)
    # A visitor: the paginator's count, the page, the prefetches of quarters and service areas, and the
    # filter form's choice lists (municipalities until they are cached, service areas, legal forms; quarters
    # only once a town is chosen) = 7, whatever the number of initiatives on the page.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("initiatives:list"))
    assert response.status_code == 200


def test_detail_query_count(client_for, initiative, supporter, django_assert_max_num_queries):
    for _ in range(5):
        SupportFactory(need=NeedFactory(quarter=initiative.quarters.get()))
    initiative.answered_needs.set(initiative.quarters.get().needs.all())
    PledgeFactory.create_batch(5, initiative=initiative)
    HelpOfferFactory.create_batch(3, initiative=initiative, status="accepted")
    client = client_for(supporter)
    # session, user, staff roles; the initiative with its prefetches (quarters, service areas, photos);
    # activation (roles, help hours; the pledged hours come from the pledge totals), pledge totals, links out
    # and in, takeover; the user's memberships and carried initiatives for the rules; unread count and staff
    # municipalities for the base template; needs with support counts; actors = 19, however many needs,
    # pledges and offers there are.
    with django_assert_max_num_queries(19):
        response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200


def test_members_area_query_count(client_for, initiative, core_member, django_assert_max_num_queries):
    PledgeFactory.create_batch(10, initiative=initiative)
    HelpOfferFactory.create_batch(5, initiative=initiative)
    client = client_for(core_member)
    # session, user, staff roles, the initiative, the user's memberships and takeovers (rules), activation (3),
    # takeover, pledge totals, the financing plan's lines (viability), the concept (hours needed), decisions,
    # ledger with pledgers joined, help offers with their people joined, unread count, staff municipalities
    # = 18, constant in the number of pledges.
    with django_assert_max_num_queries(18):
        response = client.get(url("members_area", initiative))
    assert response.status_code == 200


def test_concept_query_count(client_for, initiative, lead, django_assert_max_num_queries):
    for n in range(10):
        services.line_item_add(
            concept=initiative.concept, category="annual_cost", label=f"Posten {n}", amount=Decimal(n), by=lead
        )
    client = client_for(None)
    # A visitor: the initiative, the concept, its line items and its milestones (prefetched) = 4.
    with django_assert_max_num_queries(4):
        response = client.get(url("concept", initiative))
    assert response.status_code == 200


def test_staff_overview_query_count(client_for, quarter, coordinator, django_assert_max_num_queries):
    for n in range(15):
        InitiativeFactory(quarter=quarter, status="submitted", name=f"Eingereicht {n}")
    client = client_for(coordinator)
    # session, user, staff roles, second factor check, the municipality, paginator count, waiting count,
    # unread count, staff municipalities, the page, its quarters prefetched = 11, for any number of initiatives.
    with django_assert_max_num_queries(11):
        response = client.get(reverse("initiatives:staff_overview", args=[quarter.municipality.slug]))
    assert response.status_code == 200


def test_takeovers_query_count(client_for, quarter, coordinator, advisor, django_assert_max_num_queries):
    for n in range(5):
        TakeoverFactory(initiative=InitiativeFactory(quarter=quarter, name=f"T{n}"), quarter_coordinator=advisor)
    client = client_for(coordinator)
    # session, user, staff roles, second factor check, the municipality, unread count, staff municipalities,
    # and the takeovers with initiative and people joined in one query = 8.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("initiatives:takeovers", args=[quarter.municipality.slug]))
    assert response.status_code == 200


def test_concept_history_query_count(client_for, initiative, lead, django_assert_max_num_queries):
    for n in range(5):
        services.concept_update(concept=initiative.concept, data={"offer": f"Fassung {n}"}, by=lead)
    client = client_for(lead)
    # session, user, staff roles, the initiative, memberships and takeovers (rules), the concept, paginator
    # count, unread count, staff municipalities, versions with their authors joined = 11 at most.
    with django_assert_max_num_queries(11):
        response = client.get(url("concept_history", initiative))
    assert response.status_code == 200
