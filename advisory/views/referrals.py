"""Referrals of a case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..forms import ReferralForm, ReferralUpdateForm
from .common import _case, _form_errors, _referral, permission


@permission("advisory.change_case", _case)
def referral_create(request, case):
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.referral_create(
                case=case,
                actor_type=data["actor_type"],
                actor_name=data["actor_name"],
                reason=data["reason"],
                status=data["status"],
                result=data["result"],
                referred_on=data["referred_on"],
                by=request.user,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The referral has been saved."))
            return redirect(case.get_absolute_url() + "#referrals")
    return render(request, "advisory/referral_form.html", {"case": case, "form": form, "referral": None})


@permission("advisory.change_case", _referral)
def referral_edit(request, referral):
    form = ReferralUpdateForm(
        request.POST or None,
        initial={"status": referral.status, "result": referral.result, "closed_on": referral.closed_on},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.referral_update(
                referral=referral,
                status=data["status"],
                result=data["result"],
                closed_on=data["closed_on"],
                by=request.user,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The referral has been saved."))
            return redirect(referral.case.get_absolute_url() + "#referrals")
    return render(request, "advisory/referral_form.html", {"case": referral.case, "form": form, "referral": referral})
