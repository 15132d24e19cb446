"""Keep Need.support_count right when an account is deleted for good (admin): its supports go by CASCADE,
outside the support services. The usual account deletion (accounts.services.user_delete) anonymises the
account and keeps its supports, so the counts stay as they are.
"""

from django.db import transaction

from .caching import quarter_changed
from .models import Need, Support


def remember_supported_needs(sender, instance, **kwargs):
    instance._kudequa_supported_needs = list(
        Support.objects.filter(user_id=instance.pk).values_list("need_id", flat=True)
    )


def recount_supported_needs(sender, instance, **kwargs):
    need_ids = getattr(instance, "_kudequa_supported_needs", None)
    if not need_ids:
        return
    from .services import recount_supports

    with transaction.atomic():
        recount_supports(need_ids=need_ids)
        quarter_changed(Need.objects.filter(pk__in=need_ids).values_list("quarter_id", flat=True).distinct())
