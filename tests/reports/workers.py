"""Real Redis brokers and real Celery workers for the report tests, as subprocesses we can stop and kill."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_server_available() -> bool:
    return subprocess.run(["which", "redis-server"], capture_output=True).returncode == 0


class RedisServer:
    """A private redis-server on its own port: the test may stop it without disturbing anyone else."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def database_url() -> str:
    """The URL of the test database this test runs against, for a worker in another process."""
    db = connection.settings_dict
    assert db["ENGINE"] == "django.db.backends.postgresql", "worker tests need PostgreSQL"
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


class CeleryWorker:
    """`celery -A kudequa worker`, the same entry point as in production, on a queue of its own."""

    def __init__(self, broker_url: str, queue: str, private_root: str, log_path: Path, concurrency: int = 2):
        self.broker_url = broker_url
        self.queue = queue
        self.private_root = private_root
        self.log_path = log_path
        self.concurrency = concurrency
        self.process = None

    def start(self):
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": self.broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "PRIVATE_MEDIA_ROOT": self.private_root,
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
                "kudequa",
                "worker",
                "-Q",
                self.queue,
                "--concurrency",
                str(self.concurrency),
                "--loglevel",
                "INFO",
                "--without-mingle",
                "--without-gossip",
                "--hostname",
                f"test-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def children(self) -> list[int]:
        result = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True)
        return [int(pid) for pid in result.stdout.split()]

    def kill_child(self) -> int | None:
        children = self.children()
        if not children:
            return None
        os.kill(children[0], signal.SIGKILL)
        return children[0]

    def kill(self):
        """SIGKILL the whole worker, children included, as an out-of-memory killer would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._close_log()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._close_log()

    def _close_log(self):
        if getattr(self, "log", None):
            self.log.close()
            self.log = None


def point_app_at(broker_url: str, queue: str):
    """Make this (test) process publish to the given broker and queue, for real."""
    from kombu import pools

    from kudequa.celery import app

    pools.reset()  # drop every cached connection and producer of the old broker
    app._pool = None
    app.amqp._producer_pool = None
    for cached in ("queues", "router", "default_queue", "_producer_pool"):
        app.amqp.__dict__.pop(cached, None)
    app.conf.task_always_eager = False
    # With CELERY_BROKER_URL in the environment, Celery resolves the write and read URLs from it once;
    # set all three so this process really publishes to the given broker.
    app.conf.update(broker_url=broker_url, broker_write_url=broker_url, broker_read_url=broker_url)
    app.conf.task_default_queue = queue
    settings.CELERY_TASK_ALWAYS_EAGER = False


def wait_for(predicate, timeout: float, interval: float = 0.2, on_tick=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if on_tick:
            on_tick()
        if predicate():
            return True
        time.sleep(interval)
    return False
