from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.web import paginate, submit

from . import services
from .forms import PreferencesForm
from .queries import notifications_for, preferences_for


@login_required
def notification_list(request):
    page = paginate(request, notifications_for(request.user), "notifications")
    return render(request, "notifications/list.html", {"page_obj": page})


@login_required
@require_POST
def mark_read(request):
    count = services.notifications_mark_read(user=request.user)
    messages.success(
        request,
        ngettext("%(count)s notification marked as read.", "%(count)s notifications marked as read.", count)
        % {"count": count},
    )
    return redirect("notifications:list")


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, initial_choices=preferences_for(request.user))
    outcome = submit(
        request,
        form,
        lambda: services.preferences_save(user=request.user, choices=form.cleaned_data),
        success=_("Your notification settings have been saved."),
    )
    if outcome.ok:
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
