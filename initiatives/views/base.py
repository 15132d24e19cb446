"""What the views of the initiative registry share: the objects their URLs name, for `permission_required`."""

from django.shortcuts import get_object_or_404

from quarters.models import Municipality

from ..models import Initiative


def get_initiative(request, slug):
    """The initiative of the URL's slug, with what most pages show of it."""
    return get_object_or_404(Initiative.objects.select_related("municipality", "legal_form"), slug=slug)


def get_municipality(request, municipality_slug):
    return get_object_or_404(Municipality, slug=municipality_slug)
