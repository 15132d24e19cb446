from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django import forms
from django.conf import settings
from django.utils import translation


@dataclass(frozen=True)
class PlatformSite:
    """What allauth's mails call the site ("Hallo von KuDeQua!"): the platform, not the request's host name."""

    name: str
    domain: str


def platform_site() -> PlatformSite:
    return PlatformSite(name="KuDeQua", domain=urlsplit(settings.KUDEQUA_SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's mails in the recipient's preferred language; answers login floods with 429."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, {**context, "current_site": platform_site()})

    def pre_authenticate(self, request, **credentials):
        """Past the "login_failed" rate limit, refuse with 429 Too Many Requests instead of a form error.

        allauth itself shows the limit as an error on the form (status 200); a 429 tells people, proxies and
        monitoring the same thing, and applies to the admin too, whose login goes through allauth's.
        AccountMiddleware turns ImmediateHttpResponse into the response.
        """
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError as error:
            if error.code == "too_many_login_attempts":
                raise ImmediateHttpResponse(respond_429(request)) from error
            raise
