from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from common.web import PermissionRequiredMixin, paginate, permission_required, submit

from . import imports, queries, services
from .forms import FundingAreasForm, PlaceFilterForm
from .models import Municipality, RoleChange


def home(request):
    # The first municipalities with their quarter counts (cached); each leads to its quarters, the rest are
    # reached through the search and the paged list.
    return render(request, "home.html", {"overview": queries.municipality_overview()})


def quarter_list(request):
    """All municipalities with their quarter counts, paged and searchable by name; each leads to its quarters."""
    search = request.GET.get("q", "").strip()[:120]
    municipalities = queries.municipalities_with_quarter_counts()
    if search:
        municipalities = municipalities.filter(name__icontains=search)
    page_obj = paginate(request, municipalities, "municipalities")
    return render(request, "quarters/list.html", {"page_obj": page_obj, "search": search})


def quarter_options(request):
    """htmx: the quarter select of a place filter, for the municipality just chosen (the other fields of the
    form come along and are ignored)."""
    return render(request, "components/quarter_field.html", {"form": PlaceFilterForm(request.GET)})


def municipality_detail(request, slug):
    """A municipality's public page: its quarters, each linking to the quarter page."""
    municipality = get_object_or_404(Municipality.objects.only("name", "slug"), slug=slug)
    return render(
        request,
        "quarters/municipality.html",
        {"municipality": municipality, "quarters": queries.quarters_of(municipality)},
    )


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
        context["can_change_data"] = self.request.user.has_perm("quarters.change_quarter_data", municipality)
        if self.request.user.has_perm("quarters.view_staff_roles", municipality):
            context["staff_roles"] = queries.staff_of(municipality)
            context["role_changes"] = RoleChange.objects.filter(municipality=municipality).select_related(
                "actor", "subject"
            )[:20]
        return context


class StatisticsImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("As the statistics office publishes it: one row per quarter, at most 1 MB."),
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Used for rows without a source column, e.g. “Statistikstelle Dortmund, 2025”."),
    )


def get_municipality(request, slug):
    return get_object_or_404(Municipality, slug=slug)


@permission_required("quarters.change_quarter_data", get_municipality)
def statistics_import(request, municipality):
    """Coordinators import quarter statistics; nothing is stored while any row is bad."""
    form = StatisticsImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > imports.MAX_FILE_SIZE:
                raise ValidationError(_("The file is larger than 1 MB."))
            result = imports.statistics_import(
                municipality=municipality, data=upload.read(), source=form.cleaned_data["source"], by=request.user
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if result.ok:
                messages.success(
                    request,
                    _("Statistics imported: %(created)s new, %(updated)s updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("quarters:staff_area", slug=municipality.slug)
            messages.error(request, _("Nothing has been imported. Please correct the rows below and try again."))
    return render(
        request,
        "quarters/import.html",
        {
            "municipality": municipality,
            "form": form,
            "result": result,
            "columns": [imports.COLUMN_LABELS[column] for column in imports.COLUMNS],
            "quarters": municipality.quarters.order_by("name"),
        },
    )


@permission_required("quarters.change_quarter_data", get_municipality)
def funding_areas(request, municipality):
    """Coordinators keep which quarters are Städtebauförderung areas, a page of quarters at a time."""
    page = paginate(
        request,
        municipality.quarters.order_by("name").only("name", "municipality", "urban_development_area"),
        "quarters",
    )
    form = FundingAreasForm(request.POST or None, quarters=page.object_list)
    outcome = submit(
        request,
        form,
        lambda: services.funding_areas_update(municipality=municipality, values=form.values(), by=request.user),
        success=_("The funding areas have been saved."),
    )
    if outcome.ok:
        return redirect(f"{request.path}?page={page.number}")
    return render(
        request, "quarters/funding_areas.html", {"municipality": municipality, "form": form, "page_obj": page}
    )
