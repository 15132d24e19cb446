"""The directory of initiatives and one's own initiatives."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from common.web import paginate

from ..forms.directory import DirectoryForm
from ..queries import visibility as visibility_queries


def initiative_list(request):
    form = DirectoryForm(request.GET or None)
    initiatives = visibility_queries.directory(form.filters())
    page_obj = paginate(request, initiatives, "default")
    show_map = bool(settings.MAP_TILE_URL)
    return render(
        request,
        "initiatives/list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "initiatives": page_obj.object_list,
            "show_map": show_map,
            "map_points": visibility_queries.map_points(page_obj.object_list) if show_map else [],
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "searching": bool(request.GET.get("q")),
        },
    )


@login_required
def my_initiatives(request):
    return render(
        request, "initiatives/mine.html", {"initiatives": visibility_queries.initiatives_of_member(request.user)}
    )
