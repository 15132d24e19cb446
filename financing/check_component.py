"""The financing check as one component, shown by the public check (`financing.views.check`) and by an
initiative's check page: the result for a profile, its three groups of programmes (a preview, or one page
of the whole list) and the answer to an htmx request aimed at one group.

`check_context` builds the context; the page template includes the component with explicit variables::

    {% include "financing/components/check.html" with result=result sections=sections
       hidden_params=hidden_params answer_url=answer_url answer_method=answer_method hx_target=hx_target
       heading_level=heading_level csrf_token=csrf_token only %}

and the view returns `render_check_page(request, template_name, context)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page
from django.shortcuts import render
from django.utils import timezone

from common.web import paginate

from . import queries
from .matching.groups import MatchResult, MissedReason, match, missed_reasons, missing
from .matching.profile import Profile
from .matching.texts import coverage_text

# The overview shows this many programmes of a group in full; the rest are one click (or htmx request) away.
CHECK_PREVIEW = 10
CHECK_GROUPS = ("fits", "needs_information", "does_not_fit")
# Parameters that choose what the page lists, not what the profile is: answering a question drops them.
LIST_PARAMS = ("page", "show", "reason")


@dataclass
class CheckSection:
    """One group of programmes on the check page: a preview of the first ones, or one page of all of them."""

    key: str  # a group of matching.MatchResult, also the element id "<hx_target>-<key>"
    total: int
    items: list  # the matches shown; for "fits" (match, coverage text) pairs
    page_obj: Page | None = None  # set when the whole list is shown, page by page
    more: int = 0  # how many the preview leaves out
    all_url: str = ""
    overview_url: str = ""
    list_url: str = ""  # the full list without a page number (always with a "?")
    reasons: list = field(default_factory=list)  # does_not_fit: (matching.MissedReason, url of its list)
    reason: MissedReason | None = None  # the reason the list is limited to

    @property
    def list_query(self) -> str:
        """The list's query string without the "?", for the shared pagination component."""
        return self.list_url.partition("?")[2]


def _list_url(request, **params) -> str:
    """This page's URL with the profile parameters kept and the list parameters replaced by `params`."""
    query = request.GET.copy()
    for name in LIST_PARAMS:
        query.pop(name, None)
    for name, value in params.items():
        if value not in (None, ""):
            query[name] = value
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def check_sections(request, result: MatchResult, profile: Profile, hx_target: str = "check") -> dict[str, CheckSection]:
    """The three groups as the request asks for them: previews, or one group listed in full (`show`), page
    by page, the programmes that do not fit limited to one reason (`reason`) if asked."""
    shown = request.GET.get("show")
    sections = {}
    for key in CHECK_GROUPS:
        anchor = f"#{hx_target}-{key}"
        matches = getattr(result, key)
        section = CheckSection(
            key=key,
            total=len(matches),
            items=[],
            all_url=_list_url(request, show=key) + anchor,
            overview_url=_list_url(request) + anchor,
        )
        if key == "does_not_fit":
            reasons = missed_reasons(matches)
            section.reasons = [
                (reason, _list_url(request, show=key, reason=reason.kind) + anchor) for reason in reasons
            ]
            reason = next((r for r in reasons if r.kind == request.GET.get("reason")), None)
            if shown == key and reason is not None:
                section.reason, matches = reason, missing(matches, reason.kind)
        if shown == key:
            section.list_url = _list_url(request, show=key, reason=section.reason.kind if section.reason else None)
            section.page_obj = paginate(request, matches, "financing_check")
            shown_matches = list(section.page_obj)
        elif key == "does_not_fit":
            shown_matches = []  # summed up by reason: there are thousands
        else:
            shown_matches = matches[:CHECK_PREVIEW]
            section.more = max(0, len(matches) - CHECK_PREVIEW)
        if key == "fits":
            section.items = [(found, coverage_text(found.item, profile)) for found in shown_matches]
        else:
            section.items = shown_matches
        sections[key] = section
    return sections


def check_context(
    request,
    profile: Profile | None,
    *,
    answer_url: str,
    answer_method: str = "get",
    hx_target: str = "check",
    heading_level: int = 2,
    today=None,
) -> dict:
    """The check's context for a profile (None: nothing to check yet).

    `answer_url` is where the yes/no buttons of a programme's own question send the answer ("": no buttons);
    `answer_method` "get" puts the answer into the check's URL with the other parameters (the public check),
    "post" lets the page save it (an initiative's check). The groups' sections have the ids
    "<hx_target>-<group>", which htmx swaps; their headings are of `heading_level`.
    """
    result = sections = None
    if profile is not None:
        result = match(profile, queries.matching_catalogue(), today or timezone.localdate())
        sections = check_sections(request, result, profile, hx_target)
    return {
        "profile": profile,
        "result": result,
        "sections": sections,
        "hidden_params": [
            (key, value) for key, values in request.GET.lists() if key not in LIST_PARAMS for value in values
        ],
        "answer_url": answer_url,
        "answer_method": answer_method,
        "hx_target": hx_target,
        "heading_level": heading_level,
    }


def render_check_page(request, template_name: str, context: dict):
    """The page with the check; an htmx request aimed at one group's section gets only that section."""
    sections = context.get("sections")
    target = request.htmx.target if getattr(request, "htmx", None) else None
    key = target.removeprefix(f"{context['hx_target']}-") if target else None
    if sections and key in sections:
        return render(request, "financing/components/check_section.html", {**context, "section": sections[key]})
    return render(request, template_name, context)
