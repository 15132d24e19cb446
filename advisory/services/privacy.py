"""Account deletion (DSGVO): what advisory keeps of a person and what it anonymises."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..models import Case, Consultation, Task


def person_erase(*, user) -> None:
    """Anonymise a person in the case history: their name leaves the free-text participant fields of the
    consultations they were linked to, and the links go. Cases, consultations and tasks stay."""
    names = {name for name in (user.display_name.strip(), user.email.strip()) if name}
    replacement = _("former participant")
    for consultation in Consultation.objects.filter(participants=user):
        text = consultation.participants_text
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, replacement)
        if text != consultation.participants_text:
            consultation.participants_text = text[:500]
            consultation.save(update_fields=["participants_text"])
        consultation.participants.remove(user)
    # Open tasks go back to the case: an anonymous owner can do nothing with them.
    Task.objects.filter(owner=user, done_at__isnull=True).update(owner=None)
    Case.objects.filter(advisor=user).update(advisor=None)
