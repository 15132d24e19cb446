from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The floor every app stands on: money, cache versions, the web layer, the demo constants.

    It imports no other app of the project; every app may import it.
    """

    name = "common"
    verbose_name = "Common"
