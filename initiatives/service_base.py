"""What the services of the initiative registry (services/, plan/services.py) share: locking, closed states,
telling people, the search index. A module of its own so the plan's services need not import the package."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import TextField, Value
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.models import Kind
from notifications.services import notify
from quarters.models import StaffRole

from .models import (
    Concept,
    Initiative,
    Membership,
)

CLOSED_STATES = {Initiative.Status.REJECTED, Initiative.Status.ARCHIVED}


def lock_initiative(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().select_related("municipality").get(pk=initiative.pk)


def refuse_if_closed(initiative: Initiative) -> None:
    if initiative.status in CLOSED_STATES:
        raise ValidationError(
            _("This initiative is “%(status)s” and can no longer be changed.")
            % {"status": initiative.get_status_display()}
        )


def team_users(initiative: Initiative, *, roles=(Membership.Role.LEAD, Membership.Role.CORE)):
    users = [m.user for m in initiative.memberships.filter(role__in=roles).select_related("user")]
    takeover = initiative.takeovers.filter(ended_at__isnull=True).select_related("quarter_coordinator").first()
    if takeover is not None and takeover.quarter_coordinator not in users:
        users.append(takeover.quarter_coordinator)
    return users


def notify_people(users, initiative: Initiative, subject, body, *, url: str = "", values=None, exclude=None) -> None:
    """Tell each user in their language; `subject` and `body` are lazy translations with %(name)s values."""
    values = {"name": initiative.name, **(values or {})}
    for user in users:
        if user is None or not user.is_active or (exclude is not None and user.pk == exclude.pk):
            continue
        with translation.override(user.preferred_language):
            notify(
                recipient=user,
                kind=Kind.INITIATIVES,
                subject=str(subject) % values,
                body=str(body) % values,
                url=url or initiative.get_absolute_url(),
            )


def coordinators_of(municipality):
    return [
        role.user
        for role in StaffRole.objects.filter(municipality=municipality, role=StaffRole.Role.COORDINATOR).select_related(
            "user"
        )
    ]


def initiative_index_search(*, initiative: Initiative) -> None:
    """Refresh the stored German search vector (PostgreSQL only; SQLite searches with icontains)."""
    if connection.vendor != "postgresql":
        return
    initiative = (
        Initiative.objects.filter(pk=initiative.pk)
        .prefetch_related("quarters", "service_areas")
        .select_related("municipality", "concept")
    ).first()
    if initiative is None:
        return
    concept = getattr(initiative, "concept", None)
    places = " ".join([initiative.municipality.name, *(q.name for q in initiative.quarters.all())])
    areas = " ".join(f"{a.name_de} {a.name_en}" for a in initiative.service_areas.all())
    concept_text = " ".join(getattr(concept, name) for name in Concept.SECTIONS) if concept else ""

    def part(text, weight):
        return SearchVector(Value(text or "", output_field=TextField()), config="german", weight=weight)

    Initiative.objects.filter(pk=initiative.pk).update(
        search_vector=part(initiative.name, "A")
        + part(f"{initiative.short_description} {places}", "B")
        + part(f"{initiative.description} {areas} {initiative.target_groups_note}", "C")
        + part(concept_text, "D")
    )
