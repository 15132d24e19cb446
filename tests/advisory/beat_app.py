"""The project's Celery app with the task-reminder entry of CELERY_BEAT_SCHEDULE, due every few seconds.

Only for the beat test: `celery -A tests.advisory.beat_app beat` runs the real beat of the real app; only the
schedule differs (the interval comes from KUDEQUA_TEST_BEAT_INTERVAL), so the test need not wait a day.
"""

import os

from kudequa.celery import app

ENTRY = "advisory-task-reminders"

_entry = dict(app.conf.beat_schedule[ENTRY])  # the entry from kudequa/settings.py, task name included
app.conf.beat_schedule = {ENTRY: {**_entry, "schedule": float(os.environ.get("KUDEQUA_TEST_BEAT_INTERVAL", "2"))}}

__all__ = ["app"]
