"""Helpers for driving allauth's real flows in tests: sign-in, codes from mails, TOTP codes, page structure."""

import re
import time
from html.parser import HTMLParser

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.urls import reverse
from django.utils import translation

PASSWORD = "correct horse battery"  # tests/factories.py UserFactory
STRONG_PASSWORD = "Quartiersgarten-Marten-2026"


def totp_code(secret: str) -> str:
    """The authenticator app's current code; waits out the last second of a period so it cannot expire."""
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 1:
        time.sleep(1.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def sign_in(client, email: str, password: str = PASSWORD, next_url: str = ""):
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": email, "password": password})


def code_from_mail(message) -> str:
    """allauth's verification code: the one line of the mail made of capitals, digits and dashes."""
    codes = re.findall(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", message.body, flags=re.MULTILINE)
    assert len(codes) == 1, f"expected one code in the mail, found {codes}:\n{message.body}"
    return codes[0]


def last_mail_to(address: str):
    matching = [message for message in mail.outbox if address in message.to]
    assert matching, f"no mail to {address}; sent: {[(m.to, m.subject) for m in mail.outbox]}"
    return matching[-1]


def german(message_id: str) -> str:
    """Our own message in German as the catalogue has it (the English id until the lead has translated)."""
    with translation.override("de"):
        return translation.gettext(message_id)


def text(response) -> str:
    """The page's content with whitespace collapsed, for assertions on sentences that templates wrap."""
    return re.sub(r"\s+", " ", response.content.decode())


class Page(HTMLParser):
    """The structure the accessibility assertions need: headings, title, labels, fields, scripts."""

    def __init__(self, html: str):
        super().__init__()
        self.h1_count = 0
        self.title = ""
        self.label_targets: set[str] = set()
        self.fields: list[dict] = []
        self.inline_scripts = 0
        self.style_attributes = 0
        self.images: list[dict] = []
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.style_attributes += 1
        if tag == "h1":
            self.h1_count += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "label" and attributes.get("for"):
            self.label_targets.add(attributes["for"])
        elif tag in ("input", "select", "textarea") and attributes.get("type") not in ("hidden", "submit", "button"):
            self.fields.append(attributes)
        elif tag == "script" and not attributes.get("src") and attributes.get("type") != "application/json":
            self.inline_scripts += 1
        elif tag == "img":
            self.images.append(attributes)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    @property
    def clean_title(self) -> str:
        return re.sub(r"\s+", " ", self.title).strip()

    def unlabelled_fields(self) -> list[dict]:
        return [field for field in self.fields if field.get("id") not in self.label_targets]
