"""The demo data: the Eving case runs from first contact to financing, and seeding twice changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from advisory.models import Case, ConfidentialNote, PhaseChange, Referral, Task, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())


def test_the_eving_case_runs_from_first_contact_to_financing(seeded):
    case = Case.objects.get(quarter__slug="dortmund-eving")
    assert case.initiative is not None and "Eving" in case.initiative.name
    assert case.advisor.email == "beratung@dortmund.demo.kudequa.de"
    assert case.phase == "financing"
    assert list(PhaseChange.objects.filter(case=case).values_list("to_phase", flat=True)) == [
        "first_contact",
        "orientation",
        "concept",
        "legal_form",
        "financing",
    ]
    consultations = case.consultations.order_by("held_on")
    months = {c.held_on.replace(day=1) for c in consultations}
    assert consultations.count() >= 5 and len(months) >= 4
    assert all(c.summary for c in consultations)
    assert ConfidentialNote.objects.filter(consultation__case=case).count() >= 2
    today = timezone.localdate()
    open_tasks = Task.objects.filter(case=case, done_at__isnull=True)
    assert open_tasks.filter(due_on__lt=today).count() == 1
    assert open_tasks.filter(due_on=today + datetime.timedelta(days=1)).count() == 1
    assert {t.owner.email for t in open_tasks if t.due_on and t.due_on <= today + datetime.timedelta(days=1)} == {
        "eving@demo.kudequa.de",
        "eving-kern1@demo.kudequa.de",
    }
    referrals = Referral.objects.filter(case=case).select_related("actor")
    assert {(r.actor.name, r.actor.kind, r.actor.municipality_id) for r in referrals} == {
        ("Bank für Sozialwirtschaft", "bank", None),
        ("Wohlfahrtsverband Dortmund-Nord (Demo)", "welfare", case.municipality_id),
        ("Aktion Mensch", "foundation", None),
    }
    assert all((r.actor_name, r.actor_type) == (r.actor.name, r.actor.kind) for r in referrals)
    # The welfare association is the one the Eving initiative names as its partner in the directory.
    welfare = referrals.get(actor__kind="welfare").actor
    assert welfare.initiative_links.filter(initiative=case.initiative).exists()
    workshop = Workshop.objects.get(title="Rechtsformen für Wohnprojekte")
    assert list(workshop.cases.all()) == [case]


def test_seeding_twice_changes_nothing(seeded):
    counts = (Case.objects.count(), Task.objects.count(), Referral.objects.count(), Workshop.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Case.objects.count(), Task.objects.count(), Referral.objects.count(), Workshop.objects.count()) == counts


def test_a_group_case_is_linked_once_the_initiative_exists():
    from accounts import demo as accounts_demo
    from advisory import demo as advisory_demo
    from common.demo import Demo
    from quarters import demo as quarters_demo
    from tests.advisory.factories import InitiativeFactory

    demo = Demo()
    accounts_demo.seed(demo)
    quarters_demo.seed(demo)
    advisory_demo.seed(demo)  # no initiative yet: a case for the group
    case = Case.objects.get(quarter__slug="dortmund-eving")
    assert case.initiative is None and case.name == advisory_demo.EVING_GROUP_NAME
    quarter = demo.quarters["dortmund-eving"]
    initiative = InitiativeFactory(
        name="Elterninitiative Inklusives Wohnen Eving", municipality=quarter.municipality, quarters=[quarter]
    )
    advisory_demo.seed(demo)
    case.refresh_from_db()
    assert case.initiative == initiative
    assert Case.objects.filter(quarter=quarter).count() == 1
