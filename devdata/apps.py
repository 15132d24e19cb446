from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """Development and benchmark data: `seed_demo` (the demo towns and one account per role) and
    `seed_scale` (large deterministic data sets, see docs/benchmarks.md)."""

    name = "devdata"
    verbose_name = "KuDeQua development data"
