"""The needs assessment's data: service areas, needs and participation, surveys, supply and potentials."""

from .areas import ServiceArea
from .needs import AbuseReport, AffectedGroup, Comment, Need, PostingBlock, Support
from .supply import Offer, Potential, Review
from .surveys import Answer, Choice, Question, Response, Survey, SurveyCode

__all__ = [
    "AbuseReport",
    "AffectedGroup",
    "Answer",
    "Choice",
    "Comment",
    "Need",
    "Offer",
    "PostingBlock",
    "Potential",
    "Question",
    "Response",
    "Review",
    "ServiceArea",
    "Support",
    "Survey",
    "SurveyCode",
]
