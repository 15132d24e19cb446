from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView
from rules.contrib.views import PermissionRequiredMixin

from . import queries
from .models import Municipality, Quarter, RoleChange


def quarter_list(request):
    return render(request, "quarters/list.html", {"municipalities": queries.municipalities_with_quarters()})


def quarter_detail(request, slug):
    quarter = get_object_or_404(Quarter.objects.select_related("municipality"), slug=slug)
    statistics = queries.latest_statistics(quarter)
    return render(request, "quarters/detail.html", {"quarter": quarter, "statistics": statistics})


class StaffAreaView(PermissionRequiredMixin, DetailView):
    """A municipality's staff area: its quarters, its staff and the record of role changes."""

    model = Municipality
    permission_required = "quarters.view_staff_area"
    template_name = "quarters/staff_area.html"
    context_object_name = "municipality"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipality = self.object
        context["quarters"] = queries.quarters_with_population().filter(municipality=municipality).order_by("name")
        if self.request.user.has_perm("quarters.view_staff_roles", municipality):
            context["staff_roles"] = queries.staff_of(municipality)
            context["role_changes"] = RoleChange.objects.filter(municipality=municipality).select_related(
                "actor", "subject"
            )[:20]
        return context
