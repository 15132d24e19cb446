from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from accounts import gdpr

        from .models import HelpOffer, Membership, Pledge

        def export(user):
            return {
                "memberships": list(
                    Membership.objects.filter(user=user).values("initiative__name", "role", "created_at")
                ),
                "help_offers": list(
                    HelpOffer.objects.filter(user=user).values(
                        "initiative__name", "skills", "hours_per_month", "contact", "status", "created_at"
                    )
                ),
                "pledges": list(
                    Pledge.objects.filter(user=user).values(
                        "initiative__name",
                        "kind",
                        "share_count",
                        "share_price",
                        "amount",
                        "hours_per_month",
                        "room",
                        "note",
                        "created_at",
                        "withdrawn_at",
                    )
                ),
            }

        def erase(user):
            # Help offers hold contact details; pledges are promises of this person: both go with the account.
            HelpOffer.objects.filter(user=user).delete()
            Pledge.objects.filter(user=user).delete()
            Membership.objects.filter(user=user).delete()

        gdpr.register("initiatives", export=export, erase=erase)
