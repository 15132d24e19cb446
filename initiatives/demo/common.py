"""What the demo initiatives share: the one function that registers an initiative from its story (profile,
team, pledges, concept, actors) and the one that writes its financing plan."""

from decimal import Decimal

from allauth.account.models import EmailAddress

from accounts.models import User
from common.demo import DEMO_PASSWORD
from financing.models import InstrumentType, LegalForm, Programme
from needs.models import Need, Potential, ServiceArea

from .. import services
from ..models import (
    Actor,
    ConceptLineItem,
    HelpOffer,
    Initiative,
    InitiativeActor,
    Membership,
    Milestone,
    Pledge,
)

ONE_OFF, ANNUAL_COST, REVENUE = (
    ConceptLineItem.Category.ONE_OFF_COST,
    ConceptLineItem.Category.ANNUAL_COST,
    ConceptLineItem.Category.ANNUAL_REVENUE,
)


def _person(demo, key, email, name):
    """A demo supporter: signs in with the demo password, but is not listed among the role accounts."""
    user, created = User.objects.get_or_create(email=email, defaults={"display_name": name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    demo.users[key] = user
    return user


def _needs_of(quarter, area_slugs, limit=3):
    """Published needs of the quarter, those of the given service areas first."""
    needs = list(Need.objects.filter(quarter=quarter, status=Need.Status.PUBLISHED, hidden=False))
    needs.sort(key=lambda need: (need.service_area.slug not in area_slugs, need.pk))
    return needs[:limit]


def _building(quarter, word):
    """The quarter's building potential whose title has the word, else its first."""
    buildings = Potential.objects.filter(quarter=quarter, kind=Potential.Kind.BUILDING).order_by("pk")
    return (buildings.filter(title__icontains=word).first() if word else None) or buildings.first()


def directory_actor(municipality, name, kind, website=""):
    """An actor of the directory, in the municipality or (None) across municipalities; advisory's demo refers
    cases to them."""
    actor, _ = Actor.objects.get_or_create(
        municipality=municipality, name=name, defaults={"kind": kind, "website": website}
    )
    return actor


def _steps(story, quarter):
    """The four steps of the registration, filled in from the story."""
    profile = story["profile"]
    legal_form = story["legal_form"]
    return {
        1: {
            "name": story["name"],
            "quarters": [quarter],
            "short_description": story["short_description"],
            **profile,
            "contact_phone": "",
            "website": "",
        },
        2: {
            "motives": story["motives"],
            "answered_needs": _needs_of(quarter, story["needs_of_areas"]),
            "service_areas": list(ServiceArea.objects.filter(slug__in=story["service_areas"])),
        },
        3: {
            "legal_form": LegalForm.objects.filter(slug=legal_form).first() if legal_form else None,
            "stage": story["stage"],
        },
        4: {**story["premises"], "building": _building(quarter, story["building"])},
    }


def seed_initiative(demo, story) -> Initiative | None:
    """Register and publish the story's initiative with its team, help offers, pledges, concept and actors;
    None if it exists already (then nothing is written)."""
    quarter = demo.quarters[story["quarter"]]
    if Initiative.objects.filter(name=story["name"], quarters=quarter).exists():
        return None
    lead, coordinator = demo.users[story["lead"]], demo.users["coordinator"]
    steps = _steps(story, quarter)
    initiative = services.initiative_create(
        name=story["name"], quarters=[quarter], short_description=story["short_description"], by=lead
    )
    for step, data in steps.items():
        services.initiative_update(initiative=initiative, step=step, data=data, by=lead)
    services.initiative_submit(initiative=initiative, by=lead)
    services.initiative_decide(
        initiative=initiative, decision="publish", by=coordinator, reason="Vielen Dank, gern veröffentlicht."
    )
    initiative.refresh_from_db()

    team = [(_person(demo, key, email, name), role) for key, email, name, role in story["team"]]
    for user, role in team:
        Membership.objects.get_or_create(initiative=initiative, user=user, defaults={"role": role})
    for key, offer in story.get("help_offers", []):
        decided_by = {"decided_by": demo.users[offer["decided_by"]]} if "decided_by" in offer else {}
        HelpOffer.objects.get_or_create(initiative=initiative, user=demo.users[key], defaults={**offer, **decided_by})
    Pledge.objects.bulk_create(
        Pledge(initiative=initiative, user=demo.users[key] if key else None, kind=kind, **fields)
        for key, kind, fields in story["pledges"]
    )
    _concept(initiative, **story["concept"], by=lead)
    for key, data in story.get("concept_revisions", []):
        services.concept_update(concept=initiative.concept, data=data, by=demo.users[key])
    for name, kind, role in story["actors"]:
        InitiativeActor.objects.get_or_create(
            initiative=initiative, actor=directory_actor(quarter.municipality, name, kind), role=role
        )
    return initiative


def _concept(initiative, *, sections, hours, items, milestones, by):
    concept = initiative.concept
    ConceptLineItem.objects.bulk_create(
        ConceptLineItem(concept=concept, category=category, label=label, amount=Decimal(amount), position=position)
        for position, (category, label, amount) in enumerate(items)
    )
    Milestone.objects.bulk_create(
        Milestone(concept=concept, title=title, due_on=due_on, done=done) for title, due_on, done in milestones
    )
    services.concept_update(concept=concept, data={**sections, "volunteer_hours_needed": hours}, by=by)


def seed_plan(demo, story):
    """The financing plan of the story's initiative, unless it has one: its lines are programmes by slug or free
    sources as "name|instrument type's slug"; a line may end with a loan's terms (financing_line_add's
    arguments)."""
    initiative = Initiative.objects.filter(name=story["name"]).first()
    if initiative is None or initiative.financing_lines.exists():
        return
    demo.log.append(f"Finanzierungsplan für „{story['name']}“ angelegt.")
    plan, by = story["plan"], demo.users[story["plan"]["by"]]
    services.financing_plan_update(initiative=initiative, start_month=plan["start_month"], by=by)
    for fact, value in plan["facts"].items():
        services.financing_fact_answer(initiative=initiative, fact=fact, value=value, by=by)
    lines = plan["lines"]
    programmes = {p.slug: p for p in Programme.objects.filter(slug__in=[line[0] for line in lines])}
    instruments = {i.slug: i for i in InstrumentType.objects.all()}
    for source, amount, status, expected_on, tranches, note, *terms in lines:
        programme = programmes.get(source)
        if programme is None and "|" not in source:
            continue  # the programme is not in the catalogue (not loaded)
        if programme is not None:
            values = {"programme": programme}
        else:
            name, instrument_slug = source.split("|")
            if instrument_slug not in instruments:
                continue  # the catalogue is not loaded: no free source without its instrument type either
            values = {"source_name": name, "instrument": instruments[instrument_slug]}
        services.financing_line_add(
            initiative=initiative,
            amount=Decimal(amount),
            status=status,
            expected_on=expected_on,
            tranches=tranches,
            note=note,
            by=by,
            **values,
            **(terms[0] if terms else {}),
        )
