"""Permission predicates of the needs assessment: the one place that decides who may do what.

Objects (need, comment, report, survey, offer, potential) name their municipality through a `municipality`
attribute, so the quarters predicates apply to them directly. `needs.view_need` and the list query
`queries.needs_visible_to` give the same answer (tests/needs/test_visibility.py keeps them equal). Whether an
action fits the object's state (a closed survey, an unpublished need) is the services' business, with a clear message.
"""

import rules

from quarters.rules import is_coordinator_of, is_platform_admin, is_staff_of


@rules.predicate
def is_author(user, need):
    return user.is_authenticated and need is not None and need.author_id == user.pk


@rules.predicate
def is_public_need(user, need):
    return need is not None and need.is_public


@rules.predicate
def is_public_survey(user, survey):
    return survey is not None and not survey.is_draft


coordinates = is_coordinator_of | is_platform_admin
staff = is_staff_of | is_platform_admin

# Needs and participation
rules.add_perm("needs.add_need", rules.is_authenticated)
rules.add_perm("needs.view_need", is_public_need | is_author | staff)
rules.add_perm("needs.support_need", rules.is_authenticated)
rules.add_perm("needs.comment_need", rules.is_authenticated)
rules.add_perm("needs.report_item", rules.is_authenticated)
rules.add_perm("needs.moderate_need", coordinates)  # object: need, comment, report or municipality
rules.add_perm("needs.enter_need_on_behalf", coordinates)  # object: municipality
rules.add_perm("needs.block_user", coordinates)  # object: municipality or block

# Quarter pages
rules.add_perm("needs.view_dashboard", staff)  # object: quarter

# Surveys
rules.add_perm("needs.view_survey", is_public_survey | staff)
rules.add_perm("needs.manage_survey", coordinates)  # object: survey or municipality
rules.add_perm("needs.view_survey_results", staff)

# Supply and potentials
rules.add_perm("needs.suggest_supply", rules.is_authenticated)
rules.add_perm("needs.manage_supply", coordinates)  # object: offer, potential, quarter
