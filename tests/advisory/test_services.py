"""Services of advisory casework: what they write, what they refuse."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from advisory import services
from advisory.models import Case, ConfidentialNote, ConfidentialNoteRead, Consultation, PhaseChange, Referral, Task
from initiatives.models import Actor
from notifications.models import Kind, Notification
from tests.advisory.conftest import SECRET
from tests.advisory.factories import InitiativeFactory
from tests.conftest import verified_user
from tests.initiatives.factories import ActorFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


# --- Cases ---------------------------------------------------------------------------------------


def test_an_advisor_who_opens_a_case_takes_it_on(municipality, quarter, advisor):
    case = services.case_open(municipality=municipality, quarter=quarter, name="Repair-Café", by=advisor)
    assert case.advisor == advisor
    assert case.phase == "first_contact" and case.status == "open"
    assert list(case.phase_changes.values_list("from_phase", "to_phase")) == [("", "first_contact")]


def test_a_coordinator_opens_unassigned_and_assigns_with_a_notification(municipality, quarter, coordinator, advisor):
    case = services.case_open(municipality=municipality, quarter=quarter, name="Repair-Café", by=coordinator)
    assert case.advisor is None
    services.case_assign(case=case, advisor=advisor, by=coordinator)
    case.refresh_from_db()
    assert case.advisor == advisor
    notification = Notification.objects.get(recipient=advisor)
    assert notification.kind == Kind.ADVISORY
    assert notification.url == case.get_absolute_url()


def test_only_staff_of_the_municipality_can_be_assigned(case, coordinator, other_advisor, resident):
    for person in (other_advisor, resident):
        with pytest.raises(ValidationError):
            services.case_assign(case=case, advisor=person, by=coordinator)


def test_a_case_for_an_initiative_takes_its_name_and_only_one_case_per_initiative(case, initiative, coordinator):
    assert case.name == initiative.name and case.display_name == initiative.name
    with pytest.raises(ValidationError):
        services.case_open(municipality=case.municipality, quarter=case.quarter, initiative=initiative, by=coordinator)


def test_the_database_refuses_a_second_case_for_an_initiative(case, initiative):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(municipality=case.municipality, quarter=case.quarter, initiative=initiative, name="x")


def test_a_group_case_needs_a_name_and_a_quarter_of_its_municipality(municipality, quarter, other_quarter, advisor):
    with pytest.raises(ValidationError):
        services.case_open(municipality=municipality, quarter=quarter, name="  ", by=advisor)
    with pytest.raises(ValidationError) as error:
        services.case_open(municipality=municipality, quarter=other_quarter, name="Gruppe", by=advisor)
    assert "quarter" in error.value.error_dict


def test_an_initiative_of_another_municipality_cannot_be_linked(municipality, quarter, other_municipality, advisor):
    foreign = InitiativeFactory(municipality=other_municipality)
    with pytest.raises(ValidationError):
        services.case_open(municipality=municipality, quarter=quarter, initiative=foreign, by=advisor)


def test_a_group_case_is_linked_once_the_group_has_registered(municipality, quarter, advisor, initiative):
    case = services.case_open(municipality=municipality, quarter=quarter, name="Eltern aus Eving", by=advisor)
    services.case_link_initiative(case=case, initiative=initiative, by=advisor)
    case.refresh_from_db()
    assert case.initiative == initiative
    assert case.name == "Eltern aus Eving"  # the name the group was known by stays
    assert case.display_name == initiative.name


def test_phases_move_with_a_history_and_closing_closes(municipality, quarter, advisor):
    case = services.case_open(
        municipality=municipality, quarter=quarter, name="Gruppe", opened_on=days(-30), by=advisor
    )
    services.case_move_phase(case=case, phase="orientation", by=advisor, on=days(-5))
    services.case_move_phase(case=case, phase="financing", by=advisor)
    assert services.case_move_phase(case=case, phase="financing", by=advisor) is None  # no change, no history
    services.case_move_phase(case=case, phase="closed", by=advisor)
    case.refresh_from_db()
    assert (case.phase, case.status, case.closed_on) == ("closed", "closed", TODAY())
    assert list(case.phase_changes.values_list("to_phase", flat=True)) == [
        "first_contact",
        "orientation",
        "financing",
        "closed",
    ]
    assert PhaseChange.objects.get(case=case, to_phase="orientation").changed_at.date() == days(-5)
    services.case_move_phase(case=case, phase="operation", by=advisor)
    case.refresh_from_db()
    assert (case.status, case.closed_on) == ("open", None)


def test_an_unknown_phase_or_a_date_outside_the_case_is_refused(case, advisor):
    with pytest.raises(ValidationError):
        services.case_move_phase(case=case, phase="nirvana", by=advisor)
    for on in (days(1), case.opened_on - datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.case_move_phase(case=case, phase="concept", by=advisor, on=on)


def test_pause_and_resume(case, advisor):
    services.case_pause(case=case, by=advisor)
    assert (case.status, case.paused_on) == ("paused", TODAY())
    with pytest.raises(ValidationError):
        services.case_pause(case=case, by=advisor)
    services.case_resume(case=case, by=advisor)
    assert (case.status, case.paused_on) == ("open", None)
    with pytest.raises(ValidationError):
        services.case_resume(case=case, by=advisor)


def test_the_database_keeps_status_phase_and_dates_consistent(case):
    for fields in (
        {"status": "closed"},  # closed without the phase and the date
        {"phase": "closed"},
        {"status": "paused"},  # paused without a date
        {"status": "closed", "phase": "closed", "closed_on": case.opened_on - datetime.timedelta(days=1)},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Case.objects.filter(pk=case.pk).update(**fields)


# --- Consultations and notes ---------------------------------------------------------------------


def test_a_consultation_keeps_topics_participants_and_its_note_apart(consultation, lead):
    assert sorted(consultation.topic_values()) == ["financing", "legal_form"]
    assert list(consultation.participants.all()) == [lead]
    assert ConfidentialNote.objects.get(consultation=consultation).text == SECRET
    assert consultation.hours == 1.5
    assert SECRET not in str(ConfidentialNote.objects.get(consultation=consultation))


def test_a_consultation_without_note_has_none(case, advisor):
    consultation = services.consultation_log(
        case=case, held_on=TODAY(), duration_minutes=30, format="phone", topics=[], summary="Kurz.", by=advisor
    )
    assert not ConfidentialNote.objects.filter(consultation=consultation).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"held_on": days(1)}, "held_on"),
        ({"topics": ["astrology"]}, "topics"),
        ({"summary": "  "}, "summary"),
        ({"duration_minutes": 0}, "duration_minutes"),
    ],
)
def test_a_consultation_is_validated(case, advisor, change, field):
    data = {"held_on": TODAY(), "duration_minutes": 30, "format": "phone", "topics": [], "summary": "Kurz."}
    with pytest.raises(ValidationError) as error:
        services.consultation_log(case=case, by=advisor, **{**data, **change})
    assert field in error.value.error_dict


def test_only_staff_and_members_can_be_linked_as_participants(case, advisor, resident, supporter):
    data = {"held_on": TODAY(), "duration_minutes": 30, "format": "phone", "topics": [], "summary": "Kurz."}
    with pytest.raises(ValidationError):
        services.consultation_log(case=case, by=advisor, participants=[resident], **data)
    consultation = services.consultation_log(case=case, by=advisor, participants=[supporter, advisor], **data)
    assert consultation.participants.count() == 2


def test_a_closed_case_takes_no_consultation(case, advisor):
    services.case_move_phase(case=case, phase="closed", by=advisor)
    with pytest.raises(ValidationError):
        services.consultation_log(
            case=case, held_on=TODAY(), duration_minutes=30, format="phone", topics=[], summary="x", by=advisor
        )


def test_updating_a_consultation_changes_topics_and_the_note(consultation, advisor, coordinator):
    data = {
        "held_on": consultation.held_on,
        "duration_minutes": 45,
        "format": "video",
        "topics": ["financing", "building"],
        "summary": "Neu.",
    }
    services.consultation_update(consultation=consultation, by=coordinator, confidential_note="Neue Notiz", **data)
    consultation.refresh_from_db()
    assert sorted(consultation.topic_values()) == ["building", "financing"]
    note = ConfidentialNote.objects.get(consultation=consultation)
    assert (note.text, note.written_by) == ("Neue Notiz", coordinator)
    services.consultation_update(consultation=consultation, by=coordinator, confidential_note="", **data)
    assert not ConfidentialNote.objects.filter(consultation=consultation).exists()
    assert consultation.participants.count() == 0


def test_every_display_of_a_note_is_recorded(consultation, advisor):
    note = ConfidentialNote.objects.select_related("consultation").get(consultation=consultation)
    services.confidential_notes_read(notes=[note], by=advisor, page="note")
    services.confidential_notes_read(notes=[note], by=advisor, page="note")
    reads = ConfidentialNoteRead.objects.filter(note=note)
    assert reads.count() == 2
    assert {(r.reader, r.case_id, r.page) for r in reads} == {(advisor, consultation.case_id, "note")}


# --- Tasks ---------------------------------------------------------------------------------------


def test_a_task_for_the_lead_notifies_the_lead(case, consultation, advisor, lead):
    task = services.task_create(
        case=case, consultation=consultation, title="Satzung prüfen", owner=lead, due_on=days(7), by=advisor
    )
    assert task.owner == lead
    notification = Notification.objects.get(recipient=lead)
    assert notification.kind == Kind.ADVISORY
    assert "Satzung prüfen" in notification.subject
    assert SECRET not in notification.subject + notification.body


def test_no_notification_for_ones_own_task(case, advisor):
    services.task_create(case=case, title="Selbst", owner=advisor, by=advisor)
    assert not Notification.objects.filter(recipient=advisor, subject__contains="Selbst").exists()


def test_task_owners_are_staff_or_lead_and_core(case, advisor, lead, core, supporter, resident, other_advisor):
    for owner in (advisor, lead, core, None):
        services.task_create(case=case, title="ok", owner=owner, by=advisor)
    for owner in (supporter, resident, other_advisor):
        with pytest.raises(ValidationError) as error:
            services.task_create(case=case, title="nein", owner=owner, by=advisor)
        assert "owner" in error.value.error_dict


def test_a_task_from_another_cases_consultation_is_refused(case, advisor, municipality, quarter):
    other = services.case_open(municipality=municipality, quarter=quarter, name="Andere", by=advisor)
    foreign = services.consultation_log(
        case=other, held_on=TODAY(), duration_minutes=30, format="phone", topics=[], summary="x", by=advisor
    )
    with pytest.raises(ValidationError):
        services.task_create(case=case, consultation=foreign, title="x", by=advisor)


def test_complete_and_reopen(case, advisor, lead):
    task = services.task_create(case=case, title="x", owner=lead, by=advisor)
    services.task_complete(task=task, by=lead)
    first_done = task.done_at
    services.task_complete(task=task, by=advisor)  # done stays done, with the first date
    assert (task.done_at, task.done_by) == (first_done, lead)
    services.task_reopen(task=task, by=advisor)
    task.refresh_from_db()
    assert task.done_at is None and task.done_by is None


# --- Referrals and workshops ---------------------------------------------------------------------


def test_referrals_carry_a_status_and_conclude_with_a_date(case, advisor):
    referral = services.referral_create(
        case=case, actor_type="bank", actor_name="Bank für Sozialwirtschaft", by=advisor, referred_on=days(-10)
    )
    assert (referral.status, referral.closed_on) == ("planned", None)
    services.referral_update(referral=referral, status="successful", result="Kredit zugesagt", by=advisor)
    assert (referral.status, referral.closed_on) == ("successful", TODAY())
    services.referral_update(referral=referral, status="referred", result="", by=advisor)
    assert referral.closed_on is None
    with pytest.raises(ValidationError):
        services.referral_update(referral=referral, status="unsuccessful", result="", closed_on=days(-20), by=advisor)


def test_a_referral_to_an_actor_of_the_directory_takes_its_kind_and_name(case, advisor, municipality):
    actor = ActorFactory(name="Sparkasse Dortmund", kind=Actor.Kind.BANK, municipality=municipality)
    referral = services.referral_create(
        case=case, actor=actor, actor_type="other", actor_name="ignored", reason="Baufinanzierung", by=advisor
    )
    referral.refresh_from_db()
    assert (referral.actor, referral.actor_type, referral.actor_name) == (actor, "bank", "Sparkasse Dortmund")
    assert list(actor.referrals.all()) == [referral]


def test_an_actor_working_across_municipalities_can_be_chosen(case, advisor):
    actor = ActorFactory(name="GLS Bank", kind=Actor.Kind.BANK, municipality=None)
    referral = services.referral_create(case=case, actor=actor, by=advisor)
    assert (referral.actor, referral.actor_name) == (actor, "GLS Bank")


def test_an_actor_of_another_municipality_is_refused_on_its_field(case, advisor, other_municipality):
    actor = ActorFactory(name="Stadtsparkasse Anderswo", kind=Actor.Kind.BANK, municipality=other_municipality)
    with pytest.raises(ValidationError) as refused:
        services.referral_create(case=case, actor=actor, by=advisor)
    assert refused.value.message_dict == {"actor": ["Dieser Akteur gehört zu einer anderen Kommune."]}
    assert not Referral.objects.exists()


def test_without_an_actor_of_the_directory_kind_and_name_are_required(case, advisor):
    with pytest.raises(ValidationError) as refused:
        services.referral_create(case=case, actor_type="", actor_name=" ", by=advisor)
    assert set(refused.value.message_dict) == {"actor_type", "actor_name"}


def test_a_referral_keeps_kind_and_name_when_its_actor_leaves_the_directory(case, advisor, municipality):
    actor = ActorFactory(name="Bürgerstiftung", kind=Actor.Kind.FOUNDATION, municipality=municipality)
    referral = services.referral_create(case=case, actor=actor, by=advisor)
    actor.delete()
    referral.refresh_from_db()
    assert (referral.actor, referral.actor_type, referral.actor_name) == (None, "foundation", "Bürgerstiftung")


def test_the_database_refuses_an_open_referral_with_a_conclusion_date(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(case=case, actor_type="bank", actor_name="x", status="planned", closed_on=TODAY())


def test_workshops_gather_cases_of_their_municipality(case, advisor, municipality, other_quarter, other_advisor):
    workshop = services.workshop_create(
        municipality=municipality,
        title="Rechtsformen für Wohnprojekte",
        topic="legal_form",
        held_on=days(-3),
        place="Bürgerhaus",
        cases=[case],
        attendees=12,
        by=advisor,
    )
    assert list(case.workshops.all()) == [workshop]
    foreign = services.case_open(
        municipality=other_quarter.municipality, quarter=other_quarter, name="Fremd", by=other_advisor
    )
    with pytest.raises(ValidationError):
        services.workshop_update(
            workshop=workshop,
            title="x",
            topic="legal_form",
            held_on=days(-3),
            place="y",
            cases=[foreign],
            by=advisor,
        )


# --- Account deletion ----------------------------------------------------------------------------


def test_erasing_a_person_keeps_the_history_without_their_name(consultation, case, advisor, lead):
    open_task = services.task_create(case=case, title="offen", owner=lead, by=advisor)
    done_task = services.task_create(case=case, title="erledigt", owner=lead, by=advisor)
    services.task_complete(task=done_task, by=lead)
    services.person_erase(user=lead)
    consultation.refresh_from_db()
    assert "Lena Lead" not in consultation.participants_text
    assert "Adam Advisor" in consultation.participants_text
    assert consultation.participants.count() == 0
    assert Consultation.objects.filter(pk=consultation.pk).exists()
    assert Task.objects.get(pk=open_task.pk).owner is None
    assert Task.objects.get(pk=done_task.pk).owner == lead  # history stays with the anonymised account


def test_erasing_an_advisor_unassigns_their_cases(case, advisor):
    services.person_erase(user=advisor)
    case.refresh_from_db()
    assert case.advisor is None


def test_unlinked_people_keep_their_name_in_other_consultations(consultation, case, advisor):
    someone = verified_user(email="someone@example.org", display_name="Lena Lead")  # same name, not linked
    services.person_erase(user=someone)
    consultation.refresh_from_db()
    assert "Lena Lead" in consultation.participants_text
