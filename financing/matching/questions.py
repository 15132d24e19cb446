"""The questions whose answers would settle the programmes that need information, most decisive first.

The deciding question is the one whose answer moves the most expected money: for each programme waiting for
it, the programme's score (0-100, how well it fits) times the money it could give this initiative (its
maximum, capped at the capital need). A question about one small local fund no longer comes first because
its name sorts first; ties go to the question with the most relevant programmes, then to the one that
settles the most, then to questions about the initiative before questions about one programme."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _

from .criteria import DEFINES
from .profile import ProgrammeData

if TYPE_CHECKING:
    from .groups import Match


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    settles: int  # programmes this answer alone would decide
    concerns: int  # programmes waiting for this answer (among others)
    weight: Decimal = Decimal(0)  # the expected money that waits for this answer (score x amount)


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
    if key.startswith(DEFINES):
        return text
    if key.startswith("area:"):
        return _("Is the project in this area: %(area)s? (%(programme)s)") % {"area": text, "programme": programme}
    return _("%(programme)s: %(condition)s Does this apply?") % {"programme": programme, "condition": text}


def _question_detail(key: str, by_slug: dict[str, ProgrammeData]) -> tuple:
    if key.startswith(DEFINES):
        return condition_detail(key.removeprefix(DEFINES), by_slug.values())
    prefix, _sep, slug = key.partition(":")
    item = by_slug.get(slug)
    if item is None:
        return ()
    return (item.area_restriction if prefix == "area" else item.extra_condition, item.name)


# What a programme whose source names no maximum is taken to give: little, so that a programme whose amount
# is known weighs more (a local fund without a published maximum must not weigh as much as the whole need).
UNKNOWN_AMOUNT = Decimal(1000)


def expected_amount(item: ProgrammeData, need: Decimal | None) -> Decimal:
    """The money a programme could give this initiative: its maximum, capped at the capital need; without a
    known maximum its minimum or UNKNOWN_AMOUNT."""
    if item.amount_max is not None:
        return min(item.amount_max, need) if need is not None and need > 0 else item.amount_max
    return item.amount_min or UNKNOWN_AMOUNT


def condition_detail(slug: str, items) -> tuple:
    """(the question in the current language, "") of a defining condition, from a programme that has it."""
    for item in items:
        for condition_slug, question_de, question_en, _flag in item.conditions:
            if condition_slug == slug:
                return (question_en if translation.get_language() == "en" else question_de, "")
    return ()


def questions_for(waiting: list[Match], need: Decimal | None = None) -> list[Question]:
    settles: Counter = Counter()
    concerns: Counter = Counter()
    weight: dict[str, Decimal] = {}
    relevance: Counter = Counter()
    for match in waiting:
        keys = set(match.unknown_keys)
        money = Decimal(match.score) * expected_amount(match.item, need) / 100
        for key in keys:
            concerns[key] += 1
            relevance[key] += match.score
            weight[key] = weight.get(key, Decimal(0)) + money
        if len(keys) == 1:
            settles[next(iter(keys))] += 1
    ranked = sorted(
        concerns, key=lambda key: (-weight[key], -relevance[key], -settles[key], -concerns[key], ":" in key, key)
    )
    by_slug = {match.item.slug: match.item for match in waiting}
    return [
        Question(
            key,
            question_text(key, _question_detail(key, by_slug) if ":" in key else ()),
            settles[key],
            concerns[key],
            weight[key].quantize(Decimal(1)),
        )
        for key in ranked
    ]
