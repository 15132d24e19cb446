"""The foundation as a person meets it: sign-up with e-mail verification, the public pages, the keyboard."""

import re

import pytest
from django.core import mail

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def verification_code(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if email in m.to)
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def open_navigation(page):
    """On a phone the navigation sits behind the toggler button."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") == "false":
        toggler.click()
        page.locator("#main-nav.show").wait_for()


def switch_language(page, language):
    if language == "en":
        open_navigation(page)
        page.get_by_role("button", name="English").first.click()
        page.wait_for_load_state()


def test_resident_signs_up_and_confirms_the_email(page, variant, axe):
    page.goto("/")
    switch_language(page, variant["language"])
    axe.check(page, "home")
    english = variant["language"] == "en"

    page.goto("/accounts/signup/")
    axe.check(page, "sign-up")
    page.get_by_label("E-Mail" if not english else "Email").first.fill("neu@example.org")
    page.get_by_label("Anzeigename" if not english else "Display name").fill("Nina Neu")
    password_label = re.compile("^Passwort$" if not english else "^Password$")
    page.get_by_label(password_label).fill("Quartier-Treff-2026")
    page.get_by_label(re.compile("(Passwort \\(Wiederholung\\)|Password \\(again\\))")).fill("Quartier-Treff-2026")
    page.get_by_label(re.compile("Datenschutz|privacy", re.IGNORECASE)).check()
    page.get_by_role("button", name=re.compile("Registrieren|Sign Up", re.IGNORECASE)).last.click()

    page.wait_for_url("**/accounts/confirm-email/**")
    axe.check(page, "verification code")
    page.get_by_label(re.compile("Code", re.IGNORECASE)).fill(verification_code("neu@example.org"))
    page.get_by_role("button", name=re.compile("Bestätigen|Confirm", re.IGNORECASE)).click()
    page.wait_for_load_state()

    user = User.objects.get(email="neu@example.org")
    assert user.emailaddress_set.get().verified
    assert user.display_name == "Nina Neu"
    page.goto("/konto/")
    axe.check(page, "my account")
    assert page.get_by_role("heading", level=1).inner_text() in {"Mein Konto", "My account"}


def test_public_pages_are_accessible_and_keyboard_usable(page, axe):
    paths = ["/", "/quartiere/", "/seite/impressum/", "/seite/datenschutz/", "/seite/barrierefreiheit/"]
    for path in [*paths, "/accounts/login/", "/accounts/password/reset/"]:
        page.goto(path)
        axe.check(page, path)

    # The first Tab reaches the skip link, which is then visible and moves the focus to the main content.
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
