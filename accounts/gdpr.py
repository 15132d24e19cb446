"""DSGVO: each app registers what it holds about a person, for the export and the account deletion.

An exporter returns JSON-serialisable data about the user; an eraser removes or anonymises the user's
personal data in its app while keeping contributions others rely on. Apps register in `AppConfig.ready`.
"""

from collections.abc import Callable

exporters: dict[str, Callable] = {}
erasers: dict[str, Callable] = {}


def register(section: str, *, export: Callable, erase: Callable | None = None) -> None:
    exporters[section] = export
    if erase is not None:
        erasers[section] = erase
