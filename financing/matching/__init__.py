"""The financing check: which programmes and instrument types fit an initiative, and what is missing.

A pure function over plain dataclasses (no database, no request), so the check can be tested by hand and
timed (bench/bench_matching.py): `financing.queries.catalogue_for_matching()` converts model rows, the
initiatives app can build a `Profile` from an initiative without financing importing it.

Each criterion a programme sets is *met*, *missed*, or *unknown* because the profile lacks the fact; a
criterion the programme does not set is not checked. Programmes fall into three groups: fits (all met),
does not fit (one missed), needs information (none missed, some unknown). The result also names the
question whose answer settles the most programmes, what would open more programmes (recognised
Gemeinnützigkeit, securities, another legal form: the legal forms ranked by how well they fit the initiative,
see `levers`), and the combination rules that apply to the fitting sources.
Sentences are built only when shown (`Criterion.text`), so matching thousands of programmes stays fast.

The parts: `profile` (the inputs), `criteria` (each condition judged; the fast bit-mask classification and
the score), `groups` (`match` and the three groups), `questions`, `levers`, `combinations` and `texts`
(the sentences). Other apps import from the package.
"""

from .combinations import combination_conflicts
from .criteria import (
    BIT,
    Criterion,
    Kind,
    Verdict,
    classify_programme,
    evaluate_instrument,
    evaluate_programme,
    programme_score,
    score_programme,
)
from .groups import Coverage, Group, Match, MatchResult, MissedReason, group_of, match, missed_reasons, missing
from .levers import Lever
from .profile import Catalogue, InstrumentData, Labels, LegalFormInfo, Profile, ProgrammeData, RuleData
from .questions import Question, question_text
from .sources import SourceVerdict, judge_sources
from .texts import coverage_text, criterion_text

__all__ = [
    "BIT",
    "Catalogue",
    "Coverage",
    "Criterion",
    "Group",
    "InstrumentData",
    "Kind",
    "Labels",
    "LegalFormInfo",
    "Lever",
    "Match",
    "MatchResult",
    "MissedReason",
    "Profile",
    "ProgrammeData",
    "Question",
    "RuleData",
    "SourceVerdict",
    "Verdict",
    "classify_programme",
    "combination_conflicts",
    "coverage_text",
    "criterion_text",
    "evaluate_instrument",
    "evaluate_programme",
    "group_of",
    "judge_sources",
    "match",
    "missed_reasons",
    "missing",
    "programme_score",
    "question_text",
    "score_programme",
]
