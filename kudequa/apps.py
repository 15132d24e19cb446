from django.apps import AppConfig


class KudequaConfig(AppConfig):
    """The project itself: settings, URLs, the Celery app and the pages that belong to no app."""

    name = "kudequa"
    verbose_name = "KuDeQua"
