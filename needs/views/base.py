"""Object getters the views share (for `common.web.permission_required`) and the map settings."""

from django.conf import settings
from django.shortcuts import get_object_or_404

from quarters.models import Municipality, Quarter


def get_municipality(request, slug):
    return get_object_or_404(Municipality, slug=slug)


def get_quarter(request, slug):
    return get_object_or_404(Quarter.objects.select_related("municipality"), slug=slug)


def map_context() -> dict:
    """Tiles for the location pickers; empty when no tile server is configured (then no map at all)."""
    return {"map_tiles": settings.MAP_TILE_URL, "map_attribution": settings.MAP_TILE_ATTRIBUTION}
