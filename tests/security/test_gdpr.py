"""DSGVO: the data export covers every personal-data model, and the account deletion leaves no personal data
behind (contributions stay, anonymised).

Every model with a foreign key (or many-to-many) to the user model is discovered with apps.get_models(). Each
such field is listed below, either as PERSONAL (data about the person: it must appear in the export, and the
deletion must delete, unlink or anonymise it) or as a RECORD (a record of an act done in an office or role:
who moderated, decided, uploaded, requested; kept for accountability, pointing at the anonymised account
after a deletion). A new field fails the first test until it is classified here.
"""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import timezone

from accounts.services import user_data_export, user_delete
from advisory import services as advisory_services
from initiatives.models import HelpOffer, Membership, Pledge
from needs.models import AbuseReport, Comment, Need, Offer, PostingBlock, Potential, Response, Support
from notifications.models import Notification, NotificationPreference
from quarters.models import RoleChange, StaffRole
from quarters.services import staff_role_grant
from tests.conftest import verified_user, with_totp
from tests.initiatives.factories import InitiativeFactory
from tests.needs.factories import NeedFactory, OfferFactory, PotentialFactory, SurveyFactory

pytestmark = pytest.mark.django_db

# (app_label.Model, field) -> (section, key) of the export; after deletion: "gone" (no row points at the
# account any more: deleted or unlinked) or a check of the rows that stay with the anonymised account.
PERSONAL = {
    ("account.EmailAddress", "user"): (("account", "email_addresses"), "gone"),
    ("mfa.Authenticator", "user"): (("account", "two_factor_methods"), "gone"),
    ("notifications.Notification", "recipient"): (("notifications", "notifications"), "gone"),
    ("notifications.NotificationPreference", "user"): (("notifications", "preferences"), "gone"),
    ("quarters.StaffRole", "user"): (("quarters", "staff_roles"), "gone"),
    ("needs.Need", "author"): (("needs", "needs"), lambda rows: not rows.filter(show_name=True).exists()),
    ("needs.Support", "user"): (("needs", "supports"), lambda rows: True),  # anonymous counts of the quarter
    ("needs.Comment", "author"): (("needs", "comments"), lambda rows: not rows.filter(show_name=True).exists()),
    ("needs.AbuseReport", "reporter"): (("needs", "reports"), "gone"),
    ("needs.PostingBlock", "user"): (("needs", "posting_blocks"), lambda rows: True),  # the account cannot post
    ("needs.Response", "user"): (("needs", "survey_responses"), "gone"),
    ("needs.Offer", "suggested_by"): (("needs", "suggested_offers"), "gone"),
    ("needs.Potential", "suggested_by"): (("needs", "suggested_potentials"), "gone"),
    ("initiatives.Membership", "user"): (("initiatives", "memberships"), "gone"),
    ("initiatives.HelpOffer", "user"): (("initiatives", "help_offers"), "gone"),
    ("initiatives.Pledge", "user"): (("initiatives", "pledges"), "gone"),
    ("advisory.Task", "owner"): (("advisory", "tasks"), lambda rows: not rows.filter(done_at__isnull=True).exists()),
    ("advisory.Consultation", "participants"): (("advisory", "consultations"), "gone"),
    ("advisory.Case", "advisor"): (("advisory", "cases_advised"), "gone"),
}

OFFICE = "a record of an act done in an office (staff, moderation, review), kept for accountability"
AUTHOR = "a record of who wrote or changed a shared text; the text belongs to the initiative or catalogue"
RECORDS = {
    ("admin.LogEntry", "user"): "the admin's log of changes to objects (Django admin history)",
    ("notifications.DigestLog", "user"): "only the dates on which a digest was sent, to send one per day",
    ("quarters.RoleChange", "actor"): OFFICE,
    ("quarters.RoleChange", "subject"): "the audit trail of staff roles; the roles themselves are exported",
    ("needs.Need", "moderated_by"): OFFICE,
    ("needs.AbuseReport", "decided_by"): OFFICE,
    ("needs.PostingBlock", "created_by"): OFFICE,
    ("needs.Offer", "confirmed_by"): OFFICE,
    ("needs.Potential", "confirmed_by"): OFFICE,
    ("needs.Survey", "created_by"): OFFICE,
    ("needs.Response", "entered_by"): "the staff member who typed in a paper answer: " + OFFICE,
    ("financing.Programme", "created_by"): AUTHOR,
    ("financing.ServiceModel", "updated_by"): AUTHOR,
    ("initiatives.Initiative", "created_by"): "who registered the initiative; the membership is exported",
    ("initiatives.Photo", "uploaded_by"): AUTHOR,
    ("initiatives.Invitation", "invited_by"): "who sent an invitation, in the lead's role",
    ("initiatives.Invitation", "accepted_by"): "the invitation's use; the membership it made is exported",
    ("initiatives.HelpOffer", "decided_by"): "a decision of the initiative's core team",
    ("initiatives.Concept", "updated_by"): AUTHOR,
    ("initiatives.ConceptVersion", "created_by"): AUTHOR,
    ("initiatives.InitiativeLink", "created_by"): AUTHOR,
    ("initiatives.MunicipalTakeover", "quarter_coordinator"): OFFICE,
    ("initiatives.MunicipalTakeover", "appointed_by"): OFFICE,
    ("initiatives.ReviewDecision", "decided_by"): OFFICE,
    ("initiatives.FinancingPlan", "updated_by"): AUTHOR,
    ("initiatives.FinancingLine", "created_by"): AUTHOR,
    ("advisory.Case", "created_by"): OFFICE,
    ("advisory.PhaseChange", "changed_by"): OFFICE,
    ("advisory.Consultation", "advisor"): OFFICE,
    ("advisory.ConfidentialNote", "written_by"): "the advisor who wrote a note about others: " + OFFICE,
    ("advisory.ConfidentialNoteRead", "reader"): "the audit trail of confidential note reads",
    ("advisory.Task", "done_by"): OFFICE,
    ("advisory.Task", "created_by"): OFFICE,
    ("advisory.Referral", "created_by"): OFFICE,
    ("advisory.Workshop", "created_by"): OFFICE,
    ("reports.ReportJob", "requested_by"): "who requested a document about a quarter or an initiative",
}


def user_fields():
    """(label, field name, model, field) of every foreign key and many-to-many field to the user model."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model is user_model:
                yield model._meta.label, field.name, model, field


def test_every_field_pointing_at_a_person_is_classified():
    found = {(label, name) for label, name, _model, _field in user_fields()}
    classified = set(PERSONAL) | set(RECORDS)
    assert not set(PERSONAL) & set(RECORDS)
    unclassified = sorted(found - classified)
    assert not unclassified, (
        f"New fields point at the user model: {unclassified}. Export them (accounts.gdpr.register in the app's "
        "AppConfig.ready) and list them in PERSONAL, or list them in RECORDS with the reason."
    )
    assert not sorted(classified - found), "classified fields that no longer exist"


@pytest.fixture
def everywhere(municipality, quarter, coordinator, advisor):
    """Nina: a resident, member of an initiative, and advisor too; with one row in every personal model."""
    nina = with_totp(verified_user(email="nina@example.org", display_name="Nina Neu"))
    staff_role_grant(user=nina, municipality=municipality, role="advisor", by=coordinator)
    Notification.objects.create(recipient=nina, kind="needs", subject="Neuer Bedarf", body="…")
    NotificationPreference.objects.create(user=nina, kind="needs", delivery="instant")
    NeedFactory(quarter=quarter, author=nina, show_name=True, title="Ninas Bedarf")
    other_need = NeedFactory(quarter=quarter, title="Ein anderer Bedarf")
    Support.objects.create(need=other_need, user=nina)
    Comment.objects.create(need=other_need, author=nina, text="Ninas Kommentar", show_name=True)
    AbuseReport.objects.create(need=other_need, reporter=nina, reason="Werbung")
    PostingBlock.objects.create(municipality=municipality, user=nina, reason="Spam", created_by=coordinator)
    survey = SurveyFactory(municipality=municipality, quarters=[quarter])
    Response.objects.create(survey=survey, user=nina)
    OfferFactory(quarter=quarter, suggested_by=nina)
    PotentialFactory(quarter=quarter, suggested_by=nina)
    initiative = InitiativeFactory(name="Ninas Initiative", slug="ninas-initiative", quarter=quarter)
    Membership.objects.create(initiative=initiative, user=nina, role=Membership.Role.LEAD)
    other = InitiativeFactory(name="Nachbarn", slug="nachbarn", quarter=quarter)
    HelpOffer.objects.create(initiative=other, user=nina, skills="Backen", hours_per_month=2, contact="0231 123")
    Pledge.objects.create(initiative=other, user=nina, kind="donation", amount=Decimal("50"))
    case = advisory_services.case_open(
        municipality=municipality, quarter=quarter, initiative=initiative, advisor=nina, by=coordinator
    )
    advisory_services.consultation_log(
        case=case,
        held_on=timezone.localdate() - datetime.timedelta(days=1),
        duration_minutes=60,
        format="on_site",
        topics=[],
        summary="Gespräch",
        participants=[nina],
        participants_text="Nina Neu, Herr Berater",
        by=advisor,
    )
    advisory_services.task_create(case=case, title="Offene Aufgabe", owner=nina, by=advisor)
    done = advisory_services.task_create(case=case, title="Erledigte Aufgabe", owner=nina, by=advisor)
    advisory_services.task_complete(task=done, by=nina)
    return nina


def rows_pointing_at(model, field, user):
    return model.objects.filter(**{field.name: user})


def test_the_export_has_a_section_for_every_personal_model(everywhere):
    for label, name, model, field in user_fields():
        if (label, name) not in PERSONAL:
            continue
        assert rows_pointing_at(model, field, everywhere).exists(), f"the fixture has no {label}.{name}"
    data = user_data_export(user=everywhere)
    for (label, name), ((section, key), _after) in PERSONAL.items():
        assert section in data, f"no export section {section!r} (for {label}.{name})"
        assert data[section].get(key), f"{label}.{name}: export {section}.{key} is empty"
    assert data["quarters"]["staff_roles"][0]["role"] == "advisor"
    assert data["needs"]["posting_blocks"][0]["reason"] == "Spam"


def test_the_deletion_leaves_anonymised_rows_only(everywhere, municipality, client_for, coordinator):
    user_delete(user=everywhere)
    everywhere.refresh_from_db()
    assert everywhere.anonymised_at and not everywhere.is_active
    assert everywhere.display_name == "" and "nina" not in everywhere.email
    for label, name, model, field in user_fields():
        rows = rows_pointing_at(model, field, everywhere)
        if (label, name) in PERSONAL:
            after = PERSONAL[(label, name)][1]
            if after == "gone":
                assert not rows.exists(), f"{label}.{name}: {rows.count()} row(s) still point at the account"
            else:
                assert after(rows), f"{label}.{name}: a row that stays still shows the person"
        else:
            assert (label, name) in RECORDS
    # Contributions stay, without the name.
    assert Need.objects.get(title="Ninas Bedarf").show_name is False
    assert Comment.objects.get(text="Ninas Kommentar").show_name is False
    assert Support.objects.filter(need__title="Ein anderer Bedarf").count() == 1
    # The staff role ended, and the audit trail says so.
    assert not StaffRole.objects.filter(user=everywhere).exists()
    assert RoleChange.objects.filter(subject=everywhere, action=RoleChange.Action.REVOKED).exists()
    # No name or address of hers is left in the free texts of the case history.
    from advisory.models import Consultation

    assert "Nina Neu" not in Consultation.objects.get().participants_text
    # What remains is anonymous everywhere the staff look.
    page = client_for(coordinator).get(f"/quartiere/kommune/{municipality.slug}/").content.decode()
    assert "Nina Neu" not in page and "nina@example.org" not in page


def test_offers_and_potentials_keep_no_link_but_stay(everywhere, quarter):
    user_delete(user=everywhere)
    assert Offer.objects.filter(quarter=quarter, suggested_by__isnull=True).exists()
    assert Potential.objects.filter(quarter=quarter, suggested_by__isnull=True).exists()
