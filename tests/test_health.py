"""/healthz: what the load balancer and the container orchestration ask."""

import json
import os
import socket
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from kudequa.celery import app as celery_app
from tests.conftest import require_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(settings):
    """Point the health check (and Celery) at a broker URL; Celery's own config is restored afterwards."""
    original = celery_app.conf.broker_write_url

    def point_at(url):
        # Celery resolves the write URL once from CELERY_BROKER_URL: set it explicitly.
        celery_app.conf.update(broker_url=url, broker_write_url=url, broker_read_url=url)

    def use(url):
        settings.CELERY_BROKER_URL = url
        point_at(url)

    yield use
    point_at(original)


def test_healthy_without_a_broker(client, settings):
    settings.CELERY_BROKER_URL = ""

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_unreachable_broker_answers_503(client, broker):
    broker("redis://127.0.0.1:1/0")  # nothing listens on port 1

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    data = json.loads(response.content)
    assert data == {"status": "unavailable", "database": True, "broker": False}


def _reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.services
def test_reachable_broker_is_reported(client, broker):
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    require_service("Redis", _reachable(url), url)
    broker(url)

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "broker": True}
