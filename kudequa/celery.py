"""The Celery application: `celery -A kudequa worker` and `celery -A kudequa beat` start from here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kudequa.settings")

app = Celery("kudequa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
