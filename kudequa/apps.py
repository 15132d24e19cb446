from django.apps import AppConfig


class KudequaConfig(AppConfig):
    """The project itself, installed for its management commands (seed_demo)."""

    name = "kudequa"
    verbose_name = "KuDeQua"
