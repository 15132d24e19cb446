"""The questions whose answers would settle the programmes that need information, most decisive first."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from .profile import ProgrammeData

if TYPE_CHECKING:
    from .groups import Match


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    settles: int  # programmes this answer alone would decide
    concerns: int  # programmes waiting for this answer (among others)


QUESTION_TEXTS = {
    "legal_form": lambda: _("Which legal form does the initiative have?"),
    "gemeinnuetzig": lambda: _("Is the initiative recognised as gemeinnützig?"),
    "region": lambda: _("Where is the project (federal state and municipality)?"),
    "service_areas": lambda: _("Which service areas does the initiative serve?"),
    "stage": lambda: _("At what stage is the initiative?"),
    "profitability": lambda: _("Will the service cover its costs from its own income?"),
    "capital_need": lambda: _("How much money does the initiative need?"),
    "own_funds": lambda: _("How much money of its own can the initiative bring in?"),
    "securities": lambda: _("Can the initiative offer securities, e.g. a land charge or a guarantee?"),
}


def question_text(key: str, detail: tuple = ()) -> str:
    if key in QUESTION_TEXTS:
        return QUESTION_TEXTS[key]()
    text, programme = detail if detail else ("", "")
    if key.startswith("area:"):
        return _("Is the project in this area: %(area)s? (%(programme)s)") % {"area": text, "programme": programme}
    return _("%(programme)s: %(condition)s Does this apply?") % {"programme": programme, "condition": text}


def _question_detail(key: str, by_slug: dict[str, ProgrammeData]) -> tuple:
    prefix, _sep, slug = key.partition(":")
    item = by_slug.get(slug)
    if item is None:
        return ()
    return (item.area_restriction if prefix == "area" else item.extra_condition, item.name)


def questions_for(waiting: list[Match]) -> list[Question]:
    settles: Counter = Counter()
    concerns: Counter = Counter()
    for match in waiting:
        keys = set(match.unknown_keys)
        for key in keys:
            concerns[key] += 1
        if len(keys) == 1:
            settles[next(iter(keys))] += 1
    # Questions about the initiative come before questions about one programme when they settle as many.
    ranked = sorted(concerns, key=lambda key: (-settles[key], -concerns[key], ":" in key, key))
    by_slug = {match.item.slug: match.item for match in waiting}
    return [
        Question(
            key, question_text(key, _question_detail(key, by_slug) if ":" in key else ()), settles[key], concerns[key]
        )
        for key in ranked
    ]
