from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .rules import must_use_mfa

# Pages a staff member may reach before setting up the second factor.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/", "/seite/", "/favicon")


class StaffMfaRequiredMiddleware:
    """Sends coordinators, advisors and admins without an authenticator to the TOTP set-up first.

    allauth.mfa cannot require a second factor per role, so this middleware does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.KUDEQUA_STAFF_MFA_REQUIRED
            and request.user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and must_use_mfa(request.user)
            and not Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(
                request,
                _("Your role requires two-factor authentication. Please set up an authenticator app first."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
