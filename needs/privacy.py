"""DSGVO: what the needs assessment holds about a person, for the data export and the account deletion.

On deletion, contributions stay (a published need others support is the quarter's, not only its author's)
but lose every link to the name: needs and comments no longer show it, survey answers lose the account,
reports lose the reporter. Supports stay as anonymous counts on the anonymised account.
"""

from .models import AbuseReport, Comment, Need, Offer, PostingBlock, Potential, Response, Support


def export(user) -> dict:
    return {
        "needs": list(
            Need.objects.filter(author=user).values(
                "id", "quarter__name", "service_area__slug", "title", "description", "status", "show_name", "created_at"
            )
        ),
        "supports": list(Support.objects.filter(user=user).values("need_id", "need__title", "created_at")),
        "comments": list(Comment.objects.filter(author=user).values("need_id", "text", "show_name", "created_at")),
        "reports": list(
            AbuseReport.objects.filter(reporter=user).values("need_id", "comment_id", "reason", "created_at")
        ),
        "survey_responses": list(
            Response.objects.filter(user=user).values("survey_id", "survey__title", "submitted_on")
        ),
        "suggested_offers": list(Offer.objects.filter(suggested_by=user).values("id", "name", "created_at")),
        "suggested_potentials": list(Potential.objects.filter(suggested_by=user).values("id", "title", "created_at")),
        "posting_blocks": list(
            PostingBlock.objects.filter(user=user).values("municipality__name", "reason", "created_at")
        ),
    }


def erase(user) -> None:
    Need.objects.filter(author=user).update(show_name=False)
    Comment.objects.filter(author=user).update(show_name=False)
    Response.objects.filter(user=user).update(user=None)
    AbuseReport.objects.filter(reporter=user).update(reporter=None)
    Offer.objects.filter(suggested_by=user).update(suggested_by=None)
    Potential.objects.filter(suggested_by=user).update(suggested_by=None)
