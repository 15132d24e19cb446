"""The gap score with the hand-computed examples of docs/gap-analysis.md."""

import datetime

import pytest
from django.utils import translation

from needs.gaps import AreaInputs, Demography, GapScore, rank, saturate, score_area


def demography(population=10_000, under_18=15.0, over_65=22.0):
    return Demography(
        population=population,
        share_under_18=under_18,
        share_65_plus=over_65,
        share_without_german_citizenship=20.0,
        reference_date=datetime.date(2025, 12, 31),
    )


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def test_saturation_is_half_at_the_half_point_and_zero_for_nothing():
    assert saturate(0, 3) == 0
    assert saturate(3, 3) == 0.5
    assert saturate(-1, 3) == 0
    assert saturate(9, 3) == 0.75


def test_example_1_missing_meeting_place():
    area = AreaInputs(
        service_area_id=6,
        service_area_slug="begegnung-kultur",
        needs=3,
        supports=50,
        importance=4.6,
        satisfaction=1.8,
        survey_answers=10,
        active_offers=0,
        at_risk_offers=1,
    )
    gap = score_area(area, demography())
    assert gap.components["needs_signal"] == 0.5
    assert gap.components["supports_signal"] == 0.5
    assert gap.components["importance_signal"] == pytest.approx(0.9)
    assert gap.components["dissatisfaction_signal"] == pytest.approx(0.8)
    assert gap.components["demand"] == pytest.approx(0.67)
    assert gap.components["demography_factor"] == 1
    assert gap.components["supply_coverage"] == pytest.approx(0.2)
    assert gap.score == 53.6
    with translation.override("en"):
        assert score_area(area, demography()).reasons == [
            "3 needs",
            "50 supports (5.0 per 1,000 residents)",
            "importance 4.6 of 5",
            "satisfaction 1.8 of 5",
            "no active offer",
            "1 offer at risk",
        ]


def test_example_1_reasons_name_the_figures():
    area = AreaInputs(
        6, "begegnung-kultur", needs=23, supports=410, importance=4.6, satisfaction=1.8, survey_answers=12
    )
    reasons = " | ".join(score_area(area, demography()).reasons)
    for figure in ("23", "410", "4,6", "1,8"):
        assert figure in reasons
    with translation.override("en"):
        english = score_area(area, demography()).reasons
    assert english[0] == "23 needs"
    assert english[-1] == "no active offer"
    assert "satisfaction 1.8 of 5" in english


def test_example_2_old_quarter_with_two_care_services():
    area = AreaInputs(2, "gesundheit-pflege", needs=1, supports=8, active_offers=2)
    gap = score_area(area, demography(population=8_000, over_65=33.0))
    assert gap.components["needs_signal"] == 0.25
    assert gap.components["supports_signal"] == pytest.approx(1 / 6, abs=1e-4)
    assert gap.components["demand"] == pytest.approx(0.2)
    assert gap.components["demography_factor"] == 1.5
    assert gap.components["weighted_demand"] == pytest.approx(0.3)
    assert gap.components["supply_coverage"] == pytest.approx(0.5556, abs=1e-4)
    assert gap.score == 13.3
    assert "importance_signal" not in gap.components  # no survey answers: left out, weights renormalised


def test_example_3_nothing_known_scores_zero_whatever_the_supply():
    assert score_area(AreaInputs(5, "bildung-betreuung"), None).score == 0
    assert score_area(AreaInputs(5, "bildung-betreuung", active_offers=3), demography()).score == 0


def test_example_4_demand_cannot_exceed_one():
    area = AreaInputs(2, "gesundheit-pflege", needs=12, supports=200, importance=5, satisfaction=1, survey_answers=5)
    gap = score_area(area, demography(over_65=40.0))
    assert gap.components["demand"] == pytest.approx(0.9)
    assert gap.components["demography_factor"] == 1.5
    assert gap.components["weighted_demand"] == 1
    assert gap.score == 100


def test_too_few_survey_answers_are_left_out_and_said():
    area = AreaInputs(6, "begegnung-kultur", needs=3, importance=5, satisfaction=1, survey_answers=2)
    gap = score_area(area, demography())
    assert "importance" not in gap.components
    assert gap.components["demand"] == pytest.approx(0.2 * 0.5 / 0.5)
    assert any("2" in reason and "Befragung" in reason for reason in gap.reasons)


def test_an_offer_at_risk_counts_half():
    active = score_area(AreaInputs(1, "nahversorgung", needs=3, active_offers=1), demography())
    at_risk = score_area(AreaInputs(1, "nahversorgung", needs=3, at_risk_offers=2), demography())
    assert active.components["supply_coverage"] == at_risk.components["supply_coverage"]
    assert active.score == at_risk.score


def test_children_weight_education_and_the_factor_is_clamped():
    area = AreaInputs(5, "bildung-betreuung", needs=3)
    young = score_area(area, demography(under_18=24.75))  # 24.75 / 16.5 = 1.5
    few = score_area(area, demography(under_18=5.0))  # 0.30 → clamped to 0.75
    assert young.components["demography_factor"] == 1.5
    assert few.components["demography_factor"] == 0.75
    assert young.score == pytest.approx(2 * few.score, abs=0.1)
    assert any("unter 18" in reason for reason in young.reasons)


def test_without_statistics_a_reference_population_is_assumed_and_said():
    gap = score_area(AreaInputs(6, "begegnung-kultur", needs=1, supports=50), None)
    assert gap.components["population"] == 10_000
    assert gap.components["supports_per_1000"] == 5
    assert "10.000" in gap.reasons[-1]


def test_rank_sorts_by_score_and_keeps_the_area_order_for_ties():
    areas = [
        AreaInputs(1, "nahversorgung"),
        AreaInputs(2, "gesundheit-pflege", needs=1),
        AreaInputs(3, "mobilitaet"),
        AreaInputs(6, "begegnung-kultur", needs=5, supports=30),
    ]
    ranking = rank(areas, demography())
    assert [gap.service_area_slug for gap in ranking] == [
        "begegnung-kultur",
        "gesundheit-pflege",
        "nahversorgung",
        "mobilitaet",
    ]
    assert all(isinstance(gap, GapScore) for gap in ranking)
    assert all(0 <= gap.score <= 100 for gap in ranking)


def test_gap_score_is_frozen():
    gap = score_area(AreaInputs(1, "nahversorgung"), None)
    with pytest.raises(AttributeError):
        gap.score = 1
