"""Audit: every staff read of a confidential note and every role change is recorded (who, what, when) and shown
to the coordinators; nothing else shows a note's text (the admin, the CSV export).
"""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from advisory.models import ConfidentialNoteRead
from quarters.models import RoleChange, StaffRole
from tests.conftest import verified_user, with_totp
from tests.role_matrix import send
from tests.test_role_matrix import world  # noqa: F401 - the role matrix world, a fixture

pytestmark = pytest.mark.django_db

STAFF_ROLES = ("advisor", "coordinator", "other_advisor", "other_coordinator", "admin")


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_staff_display_of_a_note_is_recorded(world, client_for):  # noqa: F811
    """Every URL of the role matrix (all apps), as every staff role: a response that shows the matrix world's
    confidential note has recorded a read of it by that person, on that request."""
    from tests.advisory.matrix import MATRIX_SECRET
    from tests.test_role_matrix import CASES

    shown = set()
    for role in STAFF_ROLES:
        user = world.users[role]
        client = client_for(user)
        for case in CASES:
            reads_before = ConfidentialNoteRead.objects.filter(reader=user).count()
            response = send(client, case, world)
            if MATRIX_SECRET.encode() in body_of(response):
                shown.add((role, case.name))
                assert ConfidentialNoteRead.objects.filter(reader=user).count() > reads_before, (
                    f"{role}: {case.method} {case.name} shows the note without recording the read"
                )
    # The note pages were among them: the walk did look at notes.
    assert ("advisor", "advisory:case_notes") in shown and ("coordinator", "advisory:consultation_note") in shown
    assert not {name for role, name in shown if role.startswith("other_")}


def test_the_admin_never_shows_a_note(world, client_for):  # noqa: F811
    """Every changelist of the admin, and the change page of every object of the advisory app, as the admin."""
    from django.contrib import admin

    from tests.advisory.matrix import MATRIX_SECRET

    client = client_for(world.users["admin"])
    reads_before = ConfidentialNoteRead.objects.count()
    for model, _model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        response = client.get(reverse("admin:{}_{}_changelist".format(*info)))
        assert response.status_code == 200, info
        assert MATRIX_SECRET not in response.content.decode(), info
        if model._meta.app_label == "advisory":
            for pk in model.objects.values_list("pk", flat=True)[:5]:
                response = client.get(reverse("admin:{}_{}_change".format(*info), args=[pk]))
                assert MATRIX_SECRET not in response.content.decode(), (info, pk)
    assert ConfidentialNoteRead.objects.count() == reads_before


def test_coordinators_see_who_read_which_note_and_when(world, client_for):  # noqa: F811
    advisor, coordinator = world.users["advisor"], world.users["coordinator"]
    client_for(advisor).get(reverse("advisory:case_notes", args=[world.advisory_case.pk]))
    read = ConfidentialNoteRead.objects.filter(reader=advisor).latest("read_at")
    assert read.case == world.advisory_case and read.page == "case"
    assert (timezone.now() - read.read_at).total_seconds() < 60

    for url in (
        reverse("advisory:municipality_note_reads", args=[world.municipality.slug]),
        reverse("advisory:case_note_reads", args=[world.advisory_case.pk]),
    ):
        page = client_for(coordinator).get(url).content.decode()
        assert advisor.public_name in page, url
        assert timezone.localtime(read.read_at).strftime("%d.%m.%Y") in page, url
        assert client_for(advisor).get(url).status_code == 403  # the advisors do not audit each other


@pytest.fixture
def admin_client(admin_user, client_for):
    return client_for(admin_user)


def test_staff_role_changes_in_the_admin_are_recorded_and_shown_to_coordinators(
    admin_client, admin_user, municipality, coordinator, advisor, client_for
):
    newcomer = with_totp(verified_user(email="neu@example.org", display_name="Nora Neu"))
    response = admin_client.post(
        reverse("admin:quarters_staffrole_add"),
        {"user": newcomer.pk, "municipality": municipality.pk, "role": "advisor"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    role = StaffRole.objects.get(user=newcomer)
    response = admin_client.post(
        reverse("admin:quarters_staffrole_change", args=[role.pk]),
        {"user": newcomer.pk, "municipality": municipality.pk, "role": "coordinator"},
    )
    assert response.status_code == 302
    role = StaffRole.objects.get(user=newcomer)
    response = admin_client.post(reverse("admin:quarters_staffrole_delete", args=[role.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not StaffRole.objects.filter(user=newcomer).exists()

    changes = list(RoleChange.objects.filter(subject=newcomer).order_by("created_at", "pk"))
    assert [(c.action, c.role) for c in changes] == [
        ("granted", "advisor"),
        ("revoked", "advisor"),
        ("granted", "coordinator"),
        ("revoked", "coordinator"),
    ]
    assert {c.actor for c in changes} == {admin_user} and {c.municipality for c in changes} == {municipality}

    page = client_for(coordinator).get(reverse("quarters:staff_area", args=[municipality.slug])).content.decode()
    page = re.sub(r"\s+", " ", page)
    assert page.count("Nora Neu") >= 4
    assert admin_user.public_name in page or admin_user.email in page
    assert timezone.localtime(changes[0].created_at).strftime("%d.%m.%Y") in page
    # The advisors see the staff area, not its record of role changes.
    advisor_page = client_for(advisor).get(reverse("quarters:staff_area", args=[municipality.slug])).content.decode()
    assert "Nora Neu" not in advisor_page


def test_making_someone_platform_admin_is_recorded_in_the_admin_history(admin_client, admin_user):
    """The platform admin role is no municipality's business: its changes stay in the admin's own history."""
    person = verified_user(email="bald-admin@example.org", display_name="Bald Admin")
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[person.pk]),
        {
            "email": person.email,
            "display_name": person.display_name,
            "preferred_language": "de",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": "01.01.2026",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert person.is_superuser
    entry = LogEntry.objects.filter(object_id=str(person.pk)).latest("action_time")
    assert entry.user == admin_user
    assert "is_superuser" in entry.change_message or "Superuser" in entry.get_change_message()
