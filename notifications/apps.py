from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from accounts import gdpr

        from . import tasks  # noqa: F401 - registers the tasks, which the services enqueue by name
        from .models import Notification, NotificationPreference

        def export(user):
            return {
                "notifications": list(
                    Notification.objects.filter(recipient=user).values("kind", "subject", "body", "url", "created_at")
                ),
                "preferences": list(NotificationPreference.objects.filter(user=user).values("kind", "delivery")),
            }

        def erase(user):
            Notification.objects.filter(recipient=user).delete()
            NotificationPreference.objects.filter(user=user).delete()

        gdpr.register("notifications", export=export, erase=erase)
