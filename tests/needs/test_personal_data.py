"""The DSGVO hooks of the needs assessment: what a person's data export holds, and what deleting the account
keeps (anonymised) and removes."""

import pytest

from accounts.services import user_data_export, user_delete
from needs.models import Response, Support

from .factories import CommentFactory, NeedFactory, ResponseFactory, SupportFactory

pytestmark = pytest.mark.django_db


def test_the_data_export_and_the_account_deletion(quarter, resident):
    need = NeedFactory(quarter=quarter, author=resident, show_name=True)
    SupportFactory(need=need, user=resident)
    CommentFactory(need=need, author=resident, show_name=True)
    ResponseFactory(user=resident, quarter=quarter)
    exported = user_data_export(user=resident)["needs"]
    assert exported["needs"][0]["title"] == need.title
    assert len(exported["supports"]) == 1 and len(exported["comments"]) == 1
    assert len(exported["survey_responses"]) == 1

    user_delete(user=resident)
    need.refresh_from_db()
    assert not need.show_name and need.author_name is None
    assert not Response.objects.filter(user=resident).exists()
    assert Response.objects.count() == 1  # the answers still count
    assert Support.objects.filter(need=need).count() == 1  # and so does the support
