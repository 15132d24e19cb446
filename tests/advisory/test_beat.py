"""Task reminders sent by a real `celery beat` and a real worker against Redis and PostgreSQL.

The beat runs the reminder entry of CELERY_BEAT_SCHEDULE every two seconds (tests/advisory/beat_app.py);
the worker mails through the file-based backend into a directory this test reads. However often the job
runs, every due task gets exactly one mail that day. Skipped without PostgreSQL and redis-server, failed in
CI (KUDEQUA_REQUIRE_SERVICES=1).
"""

import datetime
import email
import os
import subprocess
import sys
import time
import uuid
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from advisory import services
from advisory.models import TaskReminder
from tests.conftest import require_service
from tests.reports.workers import ROOT, CeleryWorker, RedisServer, database_url, redis_server_available, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

QUEUE = f"kudequa-advisory-test-{uuid.uuid4().hex[:10]}"
SEPARATOR = "\n" + "-" * 79 + "\n"


class CeleryBeat:
    """`celery beat` of the project's app (with the short schedule), as a subprocess we can stop."""

    def __init__(self, broker_url: str, queue: str, workdir: Path):
        self.broker_url = broker_url
        self.queue = queue
        self.workdir = workdir
        self.log_path = workdir / "beat.log"
        self.process = None

    def start(self):
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": self.broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "KUDEQUA_TEST_BEAT_INTERVAL": "2",
            "DEBUG": "1",
        }
        env.pop("KUDEQUA_TESTING", None)
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tests.advisory.beat_app",
                "beat",
                "--schedule",
                str(self.workdir / "celerybeat-schedule"),
                "--max-interval",
                "1",
                "--loglevel",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def sent(self) -> int:
        """How often the beat has sent the reminder task so far."""
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return text.count("Sending due task advisory-task-reminders")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait(timeout=10)
        if getattr(self, "log", None):
            self.log.close()


def mails_in(directory: Path) -> list[email.message.Message]:
    messages = []
    for path in sorted(directory.glob("*")):
        for chunk in path.read_text(errors="replace").split(SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_string(chunk))
    return messages


def subject_of(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


@pytest.fixture
def services_ready(db):
    require_service("PostgreSQL", connection.vendor == "postgresql", "set DATABASE_URL to a PostgreSQL database")
    require_service("redis-server", redis_server_available())


def test_a_real_beat_and_worker_send_each_reminder_once(
    services_ready, tmp_path, monkeypatch, case, advisor, lead, core, settings
):
    today = timezone.localdate()
    services.task_create(
        case=case, title="Morgen fällig", owner=lead, due_on=today + datetime.timedelta(days=1), by=advisor
    )
    services.task_create(
        case=case, title="Überfällig", owner=core, due_on=today - datetime.timedelta(days=2), by=advisor
    )
    services.task_create(case=case, title="Später", owner=lead, due_on=today + datetime.timedelta(days=5), by=advisor)

    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    # The worker inherits these: it mails into files this test reads (EMAIL_FILE_PATH from the environment).
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    monkeypatch.setenv("EMAIL_FILE_PATH", str(mail_dir))

    broker = RedisServer(tmp_path).start()
    worker = CeleryWorker(broker.url, QUEUE, settings.PRIVATE_MEDIA_ROOT, tmp_path / "worker.log").start()
    beat = CeleryBeat(broker.url, QUEUE, tmp_path).start()

    def logs():
        worker_log = (tmp_path / "worker.log").read_text(errors="replace")[-3000:]
        return worker_log + "\n--- beat ---\n" + (tmp_path / "beat.log").read_text(errors="replace")[-2000:]

    try:
        assert wait_for(lambda: len(mails_in(mail_dir)) >= 2, timeout=60), logs()
        # Let the beat send the job several more times: nothing new may go out.
        runs = beat.sent()
        assert wait_for(lambda: beat.sent() >= runs + 3, timeout=30), logs()
        time.sleep(2)  # the last job sent has been worked off
    finally:
        beat.stop()
        worker.stop()
        broker.stop()

    messages = mails_in(mail_dir)
    assert sorted((m["To"], subject_of(m).split(": ", 1)[1]) for m in messages) == sorted(
        [(lead.email, "Morgen fällig"), (core.email, "Überfällig")]
    )
    assert TaskReminder.objects.count() == 2
    assert beat.sent() >= 4
