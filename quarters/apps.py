from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuartersConfig(AppConfig):
    name = "quarters"
    verbose_name = _("Municipalities and quarters")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from accounts import gdpr

        from . import services
        from .models import Municipality, Quarter, StaffRole

        def overview_changed(sender, **kwargs):
            services.overview_changed()

        # Municipalities and quarters are edited in the admin: the cached overview follows every change.
        for model in (Municipality, Quarter):
            for signal in (post_save, post_delete):
                signal.connect(overview_changed, sender=model, dispatch_uid=f"quarters-overview-{model.__name__}")

        def export(user):
            return {
                "staff_roles": list(
                    StaffRole.objects.filter(user=user).values("municipality__name", "role", "created_at")
                )
            }

        def erase(user):
            # A deleted account holds no office: its roles end, and the audit trail records it.
            for staff_role in StaffRole.objects.filter(user=user).select_related("municipality"):
                services.staff_role_revoke(staff_role=staff_role, by=user)

        gdpr.register("quarters", export=export, erase=erase)
