"""Submissions per account and hour, counted in Django's cache (shared Redis in production)."""

from django.conf import settings
from django.core.cache import cache

# action: (at most this many, per this many seconds); settings.NEEDS_RATE_LIMITS may override.
DEFAULT_LIMITS = {
    "need": (5, 3600),
    "comment": (20, 3600),
    "report": (20, 3600),
    "suggestion": (10, 3600),
}


def limit_for(action: str) -> tuple[int, int]:
    return getattr(settings, "NEEDS_RATE_LIMITS", {}).get(action, DEFAULT_LIMITS[action])


def _key(action: str, user) -> str:
    return f"needs:ratelimit:{action}:{user.pk}"


def consume(action: str, user) -> bool:
    """Count one submission; False when the account has used up its allowance for the window.

    The window starts with the first submission and lasts `period` seconds (a fixed window per account).
    """
    limit, period = limit_for(action)
    key = _key(action, user)
    if cache.add(key, 1, timeout=period):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        return True
    return count <= limit


def remaining(action: str, user) -> int:
    limit, _period = limit_for(action)
    return max(0, limit - (cache.get(_key(action, user)) or 0))
