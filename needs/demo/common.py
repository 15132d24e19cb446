"""What the demo stories share: the neighbours who take part, and the one function that writes a quarter's
story from its tables (needs with their supports, comments, offers and potentials)."""

import datetime

from django.utils import timezone

from accounts.models import User

from ..models import (
    Comment,
    Need,
    Offer,
    Potential,
    Review,
    Support,
)

NEIGHBOURS = [
    "Anna K.", "Mehmet Y.", "Brigitte S.", "Jan P.", "Fatma A.", "Heinz W.", "Olga M.", "Stefan B.", "Leyla D.",
    "Renate H.", "Tomasz K.", "Gül E.", "Marlies F.", "Ahmad R.", "Ursula L.", "Dirk N.", "Emine Ç.", "Paul G.",
    "Irina V.", "Karin Z.", "Yusuf T.", "Monika R.", "Sven O.", "Aleksandra W.", "Hans-Peter J.", "Nadia S.",
    "Elke M.", "Georgi I.", "Sabine T.", "Ömer K.",
]  # fmt: skip


def _neighbours(demo) -> list[User]:
    """About thirty residents whose supports and answers make the demo look lived-in (no login needed)."""
    people = []
    for number, name in enumerate(NEIGHBOURS, start=1):
        user, created = User.objects.get_or_create(
            email=f"nachbar{number:02d}@demo.kudequa.de", defaults={"display_name": name}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        people.append(user)
    demo.users["neighbours"] = people
    return people


def _days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def _need(quarter, areas, data) -> Need:
    need, created = Need.objects.get_or_create(
        quarter=quarter,
        title=data["title"],
        defaults={
            "service_area": areas[data["area"]],
            "description": data["description"],
            "affected_groups": data.get("groups", []),
            "author": data.get("author"),
            "show_name": data.get("show_name", False),
            "source": data.get("source", Need.Source.ONLINE),
            "status": data.get("status", Need.Status.PUBLISHED),
            "rejection_reason": data.get("rejection_reason", ""),
            "latitude": data.get("lat"),
            "longitude": data.get("lon"),
        },
    )
    if created:
        when = _days_ago(data.get("age", 60))
        published = when + datetime.timedelta(days=1) if need.status == Need.Status.PUBLISHED else None
        Need.objects.filter(pk=need.pk).update(created_at=when, published_at=published, moderated_at=published)
    return need


def _supports(need, people, count, rng, max_age):
    if need.supports.exists():
        return
    for person in rng.sample(people, min(count, len(people))):
        support = Support.objects.create(need=need, user=person)
        Support.objects.filter(pk=support.pk).update(created_at=_days_ago(rng.randint(1, max_age)))


def _comment(need, author, text, show_name=True):
    Comment.objects.get_or_create(need=need, text=text, defaults={"author": author, "show_name": show_name})


def _supply(model, quarter, areas, people, lookup, data):
    """An offer or a potential: `area` is a service area's slug, `suggested_by` a neighbour's index."""
    fields = {"review": Review.CONFIRMED, **data}
    if "area" in fields:
        fields["service_area"] = areas[fields.pop("area")]
    if "suggested_by" in fields:
        fields["suggested_by"] = people[fields["suggested_by"]]
    item, _created = model.objects.get_or_create(quarter=quarter, **{lookup: fields.pop(lookup)}, defaults=fields)
    return item


def _who(demo, people, who) -> User:
    """A demo account by its key ("resident"), or a neighbour by its index in NEIGHBOURS."""
    return people[who] if isinstance(who, int) else demo.users[who]


def _story(demo, quarter, areas, people, rng, *, needs, comments, offers, potentials) -> dict[str, Need]:
    """Write a quarter's story from its tables and return its needs by their keys.

    needs: key -> the need (`author` as for `_who`, `supports` as (how many neighbours, within how many days));
    comments: (need key, author, shown with name, text); offers and potentials: their fields, `area` a service
    area's slug. Everything is looked up before it is written, so a second run changes nothing."""
    written = {
        key: _need(quarter, areas, {**data, "author": _who(demo, people, data["author"])})
        for key, data in needs.items()
    }
    for key, data in needs.items():
        if "supports" in data:
            count, max_age = data["supports"]
            _supports(written[key], people, count, rng, max_age)
    for key, who, show_name, text in comments:
        _comment(written[key], _who(demo, people, who), text, show_name=show_name)
    for data in offers:
        _supply(Offer, quarter, areas, people, "name", data)
    for data in potentials:
        _supply(Potential, quarter, areas, people, "title", data)
    return written
