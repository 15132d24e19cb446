"""The notification pages: list (with the unread badge), mark as read, preferences."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Delivery, Kind, Notification, NotificationPreference
from tests.accounts.helpers import german, text
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_users_notifications_only(client_for, resident, coordinator):
    NotificationFactory(recipient=resident, subject="Für Rita")
    NotificationFactory(recipient=coordinator, subject="Für Cora")

    page = text(client_for(resident).get(reverse("notifications:list")))

    assert "Für Rita" in page
    assert "Für Cora" not in page


def test_the_list_explains_when_it_is_empty(client_for, resident):
    page = text(client_for(resident).get(reverse("notifications:list")))

    assert german("No notifications yet. We will tell you here when something happens that concerns you.") in page


@pytest.mark.parametrize("count", [1, 30])
def test_list_query_count(client_for, resident, count, django_assert_num_queries):
    NotificationFactory.create_batch(count, recipient=resident)
    client = client_for(resident)
    # user (the session comes from the cache), staff roles (MFA middleware), the page's count and rows, the
    # unread count (badge) and the municipalities of staff (navigation): the same for 1 and 30 notifications.
    with django_assert_num_queries(6):
        assert client.get(reverse("notifications:list")).status_code == 200


def test_unread_badge_counts(client_for, resident):
    NotificationFactory.create_batch(3, recipient=resident)
    NotificationFactory(recipient=resident, read_at=timezone.now())

    page = text(client_for(resident).get(reverse("home")))

    assert f'<span class="badge text-bg-primary">3<span class="visually-hidden">{german("unread")}</span>' in page


def test_mark_all_as_read(client_for, resident, coordinator):
    NotificationFactory.create_batch(2, recipient=resident)
    others = NotificationFactory(recipient=coordinator)
    client = client_for(resident)

    response = client.post(reverse("notifications:mark_read"), follow=True, page=reverse("notifications:list"))

    assert response.redirect_chain == [(reverse("notifications:list"), 302)]
    assert not Notification.objects.filter(recipient=resident, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None
    assert 'class="badge text-bg-primary"' not in text(response).split("</header>")[0]


def test_mark_read_needs_post(client_for, resident):
    assert client_for(resident).get(reverse("notifications:mark_read")).status_code == 405


def test_preferences_show_the_defaults(client_for, resident):
    page = text(client_for(resident).get(reverse("notifications:preferences")))

    checked = {
        re.search(r'name="(\w+)"', radio).group(1): re.search(r'value="(\w+)"', radio).group(1)
        for radio in re.findall(r"<input [^>]*type=\"radio\"[^>]*>", page)
        if " checked" in radio
    }
    assert checked == dict.fromkeys(Kind.values, Delivery.DAILY)


def test_preferences_save(client_for, resident):
    choices = dict.fromkeys(Kind.values, Delivery.DAILY) | {
        Kind.NEEDS: Delivery.IMMEDIATE,
        Kind.REPORTS: Delivery.OFF,
    }

    response = client_for(resident).post(reverse("notifications:preferences"), choices)

    assert response.status_code == 302
    saved = dict(NotificationPreference.objects.filter(user=resident).values_list("kind", "delivery"))
    assert saved[Kind.NEEDS] == Delivery.IMMEDIATE
    assert saved[Kind.REPORTS] == Delivery.OFF
    assert saved[Kind.ACCOUNT] == Delivery.DAILY


def test_preferences_refuse_unknown_choices(client_for, resident):
    response = client_for(resident).post(reverse("notifications:preferences"), {Kind.NEEDS: "carrier-pigeon"})

    assert response.status_code == 200
    assert not NotificationPreference.objects.exists()
