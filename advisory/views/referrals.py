"""Referrals of a case."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.web import permission_required, submit

from .. import services
from ..forms import ReferralForm, ReferralUpdateForm
from .common import get_case, get_referral


@permission_required("advisory.change_case", get_case)
def referral_create(request, case):
    form = ReferralForm(request.POST or None, case=case)
    if submit(
        request,
        form,
        lambda: services.referral_create(case=case, by=request.user, **form.service_kwargs()),
        success=_("The referral has been saved."),
    ).ok:
        return redirect(case.get_absolute_url() + "#referrals")
    return render(request, "advisory/referral_form.html", {"case": case, "form": form, "referral": None})


@permission_required("advisory.change_case", get_referral)
def referral_edit(request, referral):
    form = ReferralUpdateForm(request.POST or None, referral=referral)
    if submit(
        request,
        form,
        lambda: services.referral_update(referral=referral, by=request.user, **form.service_kwargs()),
        success=_("The referral has been saved."),
    ).ok:
        return redirect(referral.case.get_absolute_url() + "#referrals")
    return render(request, "advisory/referral_form.html", {"case": referral.case, "form": form, "referral": referral})
