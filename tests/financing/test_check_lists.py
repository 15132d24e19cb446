"""The check shows the programmes that fit or need information in short, sums up the ones that do not fit,
and lists every group in full on request (a paged list; htmx swaps only the group's section)."""

import re

import pytest
from django.urls import reverse

from common.web import page_size
from financing import matching
from financing.check_component import CHECK_PREVIEW
from tests.initiatives.factories import InitiativeFactory

from .factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

CHECK_PAGE_SIZE = page_size("financing_check")

PROFILE = {"legal_form": "ev", "municipality": "dortmund", "capital_need": "60.000"}


def section(content: str, key: str) -> str:
    """The HTML of one group's section."""
    start = content.index(f'<section id="check-{key}"')
    return content[start : content.index("</section>", start)]


def names_in(html: str) -> set[str]:
    return set(re.findall(r">(Listenprogramm [A-Z]+ \d+)<", html))


@pytest.fixture
def many(municipality):
    """Programmes for all of NRW, which fit the profile, and Bavarian ones, which do not (the region)."""
    for number in range(CHECK_PAGE_SIZE + 5):
        ProgrammeFactory(name=f"Listenprogramm NRW {number:02d}", slug=f"liste-nrw-{number}", state="DE-NW")
    for number in range(3):
        ProgrammeFactory(name=f"Listenprogramm BY {number:02d}", slug=f"liste-by-{number}", state="DE-BY")


def test_the_overview_shows_a_preview_of_the_fitting_programmes(client, many):
    response = client.get(reverse("financing:check"), PROFILE)
    result = response.context["result"]
    assert len(result.fits) > CHECK_PAGE_SIZE
    fits = section(response.content.decode(), "fits")
    assert fits.count("<article") == CHECK_PREVIEW
    assert f"Show all {len(result.fits)} programmes" in fits
    assert "show=fits" in fits and "legal_form=ev" in fits  # the full list keeps the profile


def test_the_full_list_comes_page_by_page(client, many):
    response = client.get(reverse("financing:check"), {**PROFILE, "show": "fits"})
    result = response.context["result"]
    fits = section(response.content.decode(), "fits")
    assert fits.count("<article") == CHECK_PAGE_SIZE
    assert "Page 1 of 2" in fits
    assert "Back to the overview" in fits
    assert "page=2" in fits
    page_two = client.get(reverse("financing:check"), {**PROFILE, "show": "fits", "page": 2})
    second = section(page_two.content.decode(), "fits")
    assert second.count("<article") == len(result.fits) - CHECK_PAGE_SIZE
    assert "Page 2 of 2" in second
    # The other groups stay short meanwhile.
    assert section(response.content.decode(), "does_not_fit").count("<article") == 0


def test_programmes_that_do_not_fit_are_summed_up_by_reason(client, many):
    response = client.get(reverse("financing:check"), PROFILE)
    result = response.context["result"]
    excluded = section(response.content.decode(), "does_not_fit")
    assert "<article" not in excluded
    assert not names_in(excluded)
    region = next(reason for reason in matching.missed_reasons(result.does_not_fit) if reason.kind == "region")
    assert region.count >= 3
    assert "Only for other regions" in excluded
    assert f"{region.count} programmes" in excluded
    assert "show=does_not_fit" in excluded and "reason=region" in excluded

    listed = client.get(reverse("financing:check"), {**PROFILE, "show": "does_not_fit", "reason": "region"})
    html = section(listed.content.decode(), "does_not_fit")
    assert {"Listenprogramm BY 00", "Listenprogramm BY 01", "Listenprogramm BY 02"} <= names_in(html)
    assert not any(name.startswith("Listenprogramm NRW") for name in names_in(html))
    assert "Only for other regions" in html  # the list says what it is limited to


def test_htmx_gets_only_the_section(client, many):
    response = client.get(
        reverse("financing:check"),
        {**PROFILE, "show": "fits", "page": 2},
        headers={"HX-Request": "true", "HX-Target": "check-fits"},
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="check-fits"')
    assert "<html" not in content
    assert "Page 2 of 2" in content
    # Without htmx the same URL is the whole page (the links work without JavaScript).
    assert "<html" in client.get(reverse("financing:check"), {**PROFILE, "show": "fits"}).content.decode()


def test_answering_a_question_returns_to_the_overview(client, many):
    response = client.get(reverse("financing:check"), {**PROFILE, "show": "fits", "page": 2})
    hidden = dict(response.context["hidden_params"])
    assert hidden["legal_form"] == "ev"
    assert "show" not in hidden and "page" not in hidden


def test_missed_reasons_count_all_and_sole_reasons():
    def excluded(mask):
        return matching.Match(matching.ProgrammeData(id=1, slug="p", name="P", instrument_slug="i"), "x", 0, mask)

    region, legal = matching.BIT[matching.Kind.REGION], matching.BIT[matching.Kind.LEGAL_FORM]
    reasons = matching.missed_reasons([excluded(region), excluded(region), excluded(region | legal), excluded(legal)])
    assert [(r.kind, r.count, r.only) for r in reasons] == [("region", 3, 2), ("legal_form", 2, 1)]
    assert [m.missed_mask for m in matching.missing([excluded(region), excluded(legal)], "legal_form")] == [legal]


def test_the_initiatives_check_shares_the_lists(client_for, quarter, resident):
    lead = resident
    initiative = InitiativeFactory(name="Listencafé", slug="listencafe", quarter=quarter, lead=lead)
    for number in range(CHECK_PREVIEW + 2):
        ProgrammeFactory(name=f"Listenprogramm NRW {number:02d}", slug=f"liste-nrw-{number}", state="DE-NW")
    url = reverse("initiatives:check", args=[initiative.slug])
    client = client_for(lead)
    response = client.get(url)
    content = response.content.decode()
    result = response.context["result"]
    for key in ("fits", "needs_information", "does_not_fit"):
        assert f'<section id="check-{key}"' in content
    assert section(content, "does_not_fit").count("<article") == 0
    waiting = section(content, "needs_information")
    assert waiting.count("<article") == min(CHECK_PREVIEW, len(result.needs_information))
    full = client.get(url, {"show": "needs_information"}).content.decode()
    assert section(full, "needs_information").count("<article") == min(CHECK_PAGE_SIZE, len(result.needs_information))
    assert url in section(full, "needs_information")  # "Back to the overview" stays on the initiative's page
