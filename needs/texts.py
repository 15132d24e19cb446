"""Texts given per language ({"de": "...", "en": "..."}), shown in the visitor's language with German fallback."""

from django.conf import settings
from django.utils import translation


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def translated(texts: dict | None, language: str | None = None) -> str:
    texts = texts if isinstance(texts, dict) else {}
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for code in (language, settings.LANGUAGE_CODE):
        if texts.get(code):
            return texts[code]
    return next((text for text in texts.values() if text), "")


def clean_texts(texts: dict) -> dict:
    """Only known languages, stripped, empty ones dropped."""
    return {code: texts[code].strip() for code in language_codes() if (texts.get(code) or "").strip()}
