"""The logo and photos of an initiative's profile."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import images
from ..models import (
    Initiative,
    Photo,
)
from ..service_base import lock_initiative, refuse_if_closed

MAX_PHOTOS = 12


@transaction.atomic
def initiative_logo_set(*, initiative: Initiative, upload, by) -> Initiative:
    initiative = lock_initiative(initiative)
    refuse_if_closed(initiative)
    clean = images.reencode(upload, max_edge=800)
    old = initiative.logo.name if initiative.logo else None
    initiative.logo.save(clean.name, clean, save=False)
    initiative.save(update_fields=["logo", "updated_at"])
    if old:
        storage = initiative.logo.storage
        transaction.on_commit(lambda: storage.delete(old))
    return initiative


@transaction.atomic
def photo_add(*, initiative: Initiative, upload, caption: str = "", by) -> Photo:
    initiative = lock_initiative(initiative)
    refuse_if_closed(initiative)
    count = initiative.photos.count()
    if count >= MAX_PHOTOS:
        raise ValidationError(_("An initiative can show at most %(max)s photos.") % {"max": MAX_PHOTOS})
    clean = images.reencode(upload)
    photo = Photo(initiative=initiative, caption=(caption or "").strip(), position=count, uploaded_by=by)
    photo.image.save(clean.name, clean, save=False)
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def photo_delete(*, photo: Photo, by) -> None:
    name, storage = photo.image.name, photo.image.storage
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))
