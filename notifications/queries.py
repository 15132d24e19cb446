from django.db.models import QuerySet

from .models import Delivery, Kind, Notification, NotificationPreference


def unread_count_for(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at")


def delivery_for(user, kind) -> str:
    preference = NotificationPreference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True)
    return preference.first() or Delivery.DAILY


def preferences_for(user) -> dict[str, str]:
    """Every kind with the user's choice, defaults filled in."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, Delivery.DAILY) for kind in Kind.values}
