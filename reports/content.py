"""What goes into each document: plain data gathered with a few queries, ready for the print templates.

Each builder returns the context of one print template. Sections whose source app has nothing yet are
left out of the document rather than printed empty.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from advisory.models import Topic
from advisory.queries import activity_for_quarter, consultation_summaries_for_initiative
from common.charts import horizontal_bars
from financing.choices import Stage
from financing.queries import founding_legal_forms
from initiatives import queries as initiative_queries
from initiatives.models import Initiative, Motive
from initiatives.plan.queries import report_section
from needs.queries import gap_ranking, gap_rankings, needs_by_area_and_status, participation
from quarters.queries import latest_statistics


def _initiatives_of_quarter(quarter) -> dict:
    """Initiatives by stage and motive, and the capital they need: counts and sums, no people."""
    initiatives = Initiative.objects.filter(quarters=quarter).exclude(
        status__in=[Initiative.Status.DRAFT, Initiative.Status.REJECTED]
    )
    by_stage = dict(initiatives.order_by().values("stage").annotate(total=Count("pk")).values_list("stage", "total"))
    motive_counts = dict.fromkeys(Motive.values, 0)
    for motives in initiatives.values_list("motives", flat=True):
        for motive in motives:
            if motive in motive_counts:
                motive_counts[motive] += 1
    sums = initiatives.aggregate(capital_need=Sum("capital_need"), own_funds=Sum("own_funds"), total=Count("pk"))
    return {
        "list": list(initiatives.select_related("legal_form").order_by("name")),
        "by_stage": [(label, by_stage.get(value, 0)) for value, label in Stage.choices],
        "by_motive": [(label, motive_counts[value]) for value, label in Motive.choices],
        "capital_need": sums["capital_need"],
        "own_funds": sums["own_funds"],
        "total": sums["total"],
    }


def quarter_report_context(quarter) -> dict:
    statistics = latest_statistics(quarter)
    gaps = gap_ranking(quarter)
    activity = activity_for_quarter(quarter)
    topic_labels = dict(Topic.choices)
    return {
        "title": format_lazy(_("Quarter report {name}"), name=quarter.name),
        "quarter": quarter,
        "municipality": quarter.municipality,
        "statistics": statistics,
        "gaps": gaps,
        "gap_chart": horizontal_bars([(gap.service_area_name, gap.score) for gap in gaps], max_value=100),
        "needs_by_area": [row for row in needs_by_area_and_status(quarter) if row["total"]],
        "participation": participation(quarter),
        "initiatives": _initiatives_of_quarter(quarter),
        "advice": activity,
        "advice_topics": [(topic_labels[key], count) for key, count in activity.topics.items() if count],
    }


def _gaps_for(quarters, service_area_ids) -> list[dict]:
    """The gap analysis of the initiative's quarters, restricted to the service areas it serves."""
    rankings = gap_rankings(quarters)
    rows = []
    for quarter in quarters:
        for gap in rankings.get(quarter.pk, []):
            if gap.service_area_id in service_area_ids:
                rows.append({"quarter": quarter, "gap": gap})
    return rows


def _financing_section(initiative) -> dict:
    return report_section(initiative)


def _advice_section(initiative) -> list:
    return list(consultation_summaries_for_initiative(initiative))


def initiative_concept_context(initiative) -> dict:
    quarters = list(initiative.quarters.select_related("municipality").order_by("name"))
    service_area_ids = set(initiative.service_areas.values_list("pk", flat=True))
    concept = initiative_queries.concept_of(initiative)
    line_items = list(concept.line_items.all()) if concept else []
    financing = _financing_section(initiative)
    sections = []
    if concept:
        for name in concept.SECTIONS:
            text = getattr(concept, name)
            if text.strip():
                sections.append({"label": concept.section_label(name), "text": text})
    gaps = _gaps_for(quarters, service_area_ids)
    figures = initiative_queries.activation(initiative)
    totals = initiative_queries.pledge_totals(initiative)
    return {
        "title": format_lazy(_("Concept: {name}"), name=initiative.name),
        "initiative": initiative,
        "quarters": [{"quarter": q, "statistics": latest_statistics(q)} for q in quarters],
        "service_areas": list(initiative.service_areas.order_by("position")),
        # The document may be handed to anyone: only published needs go in.
        "needs": list(initiative_queries.answered_needs_with_support(initiative, user=AnonymousUser())),
        "gaps": gaps,
        "gap_chart": horizontal_bars(
            [(f"{row['gap'].service_area_name} ({row['quarter'].name})", row["gap"].score) for row in gaps],
            max_value=100,
        ),
        "concept": concept,
        "sections": sections,
        "line_items": line_items,
        "concept_totals": initiative_queries.concept_totals(line_items),
        "milestones": list(concept.milestones.all()) if concept else [],
        "legal_forms": list(founding_legal_forms()),
        "activation": figures,
        "pledge_totals": totals,
        "viability": initiative_queries.viability_check(
            initiative, totals=totals, figures=figures, lines=financing["plan_lines"]
        ),
        "actors": list(initiative_queries.actor_links(initiative)),
        "takeover": initiative_queries.active_takeover(initiative),
        "financing": financing,
        "advice": _advice_section(initiative),
    }
