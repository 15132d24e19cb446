"""DSGVO for advisory casework: what a person's data export holds, and how deleting them anonymises them.

The export holds the person's own tasks and the consultations they were linked to as a participant, with
the summary the initiative may read. Never a confidential note: not even one the person wrote as advisor,
since it is about others and stays with the municipality.
"""

from .models import Case, Consultation, Task
from .services.privacy import person_erase


def export(user) -> dict:
    tasks = Task.objects.filter(owner=user).select_related("case__initiative").order_by("due_on", "pk")
    consultations = (
        Consultation.objects.filter(participants=user)
        .select_related("case__initiative")
        .prefetch_related("topics")
        .order_by("held_on", "pk")
    )
    return {
        "tasks": [
            {
                "case": task.case.display_name,
                "task": task.title,
                "due_on": task.due_on.isoformat() if task.due_on else None,
                "done_at": task.done_at.isoformat() if task.done_at else None,
            }
            for task in tasks
        ],
        "consultations": [
            {
                "case": consultation.case.display_name,
                "date": consultation.held_on.isoformat(),
                "duration_minutes": consultation.duration_minutes,
                "format": consultation.format,
                "topics": consultation.topic_values(),
                "participants": consultation.participants_text,
                "summary": consultation.summary,
                "outcomes": consultation.outcomes,
                "next_steps": consultation.next_steps,
            }
            for consultation in consultations
        ],
        "cases_advised": list(Case.objects.filter(advisor=user).values_list("name", flat=True)),
    }


def erase(user) -> None:
    person_erase(user=user)
