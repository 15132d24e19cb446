"""The initiative's own view of its case."""

from django.shortcuts import render
from django.utils import timezone

from common.web import permission_required

from .. import queries
from ..models import Case, Phase
from .common import get_initiative


@permission_required("advisory.view_initiative_advice", get_initiative)
def initiative_case(request, initiative):
    """What the initiative's lead and core team see of their case: no notes, no referrals, no contacts."""
    case = queries.case_of_initiative(initiative)
    context = {"initiative": initiative, "case": case, "today": timezone.localdate()}
    if case is not None:
        context.update(
            summaries=queries.consultation_summaries_for_initiative(initiative),
            tasks=queries.tasks_of_case(case),
            workshops=queries.workshops_of_case(case),
            phases=_phase_steps(case),
        )
    return render(request, "advisory/initiative_case.html", context)


def _phase_steps(case: Case) -> list[tuple[str, str]]:
    """Every phase with its state for the progress list: done, current or to come."""
    steps = []
    for index, (value, label) in enumerate(Phase.choices):
        if value == case.phase:
            state = "current"
        elif index < case.phase_index:
            state = "done"
        else:
            state = "open"
        steps.append((label, state))
    return steps
