"""What the journeys share: signing in (for real or by session cookie), visiting a page with axe, the keyboard.

The journeys speak both languages: `either(de, en)` builds a pattern that matches the German and the English
wording of one thing, so a step works in both variants (and before the German catalogue has a new string).
"""

import os
import re
import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.test import Client

SCREENSHOTS = os.environ.get("KUDEQUA_SCREENSHOTS")  # a folder: keep screenshots of the pages to look at


def either(*texts: str, exact: bool = False) -> re.Pattern:
    """A case-insensitive pattern matching any of the texts (German and English wording of one thing)."""
    body = "|".join(re.escape(text) for text in texts)
    return re.compile(f"^({body})$" if exact else f"({body})", re.IGNORECASE)


def totp_code(secret: str) -> str:
    """The authenticator app's current code; waits out the last second of a period so it cannot expire."""
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 1.5:
        time.sleep(1.6)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def verification_code(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if email in m.to)
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def use_session_of(page, user, live_server):
    """Put a session of `user` into the browser (for steps after the journey's own, real sign-in)."""
    page.context.clear_cookies()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def visit(page, axe, path: str, label: str):
    """Open a page and let axe check it against the WCAG 2.0/2.1 A and AA rules."""
    response = page.goto(path)
    assert response is not None and response.status < 400, f"{label}: {path} answered {response and response.status}"
    check(page, axe, label)
    return response


def check(page, axe, label: str):
    page.wait_for_load_state()
    page.mouse.move(0, 0)  # no hover colours while axe measures the contrast
    axe.check(page, label)
    if SCREENSHOTS:
        name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}-{page.viewport_size['width']}.png"), full_page=True)


def open_navigation(page):
    """On a phone the navigation sits behind the toggler button."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") == "false":
        toggler.click()
        page.locator("#main-nav.show").wait_for()


def switch_language(page, language: str):
    """Choose the language with the switcher in the header, as a person would."""
    if language == "en":
        open_navigation(page)
        page.get_by_role("button", name="English").first.click()
        page.wait_for_load_state()


# --- The keyboard ---------------------------------------------------------------------------------


def focused(page) -> dict:
    """What has the focus, and how it shows it."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            return {
                tag: element.tagName.toLowerCase(),
                id: element.id,
                name: element.getAttribute("name"),
                type: element.getAttribute("type"),
                text: (element.innerText || element.value || "").trim().slice(0, 80),
                outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth) || 0,
                boxShadow: style.boxShadow,
            };
        }"""
    )


def assert_focus_visible(page):
    """WCAG 2.4.7: the focused element shows an outline or a focus ring (Bootstrap draws it as a box shadow)."""
    state = focused(page)
    assert state["tag"] != "body", "nothing has the focus"
    outline = state["outlineStyle"] != "none" and state["outlineWidth"] > 0
    ring = state["boxShadow"] not in ("", "none")
    assert outline or ring, f"the focused element shows no focus: {state}"
    return state


def tab_to(page, matches, *, limit: int = 120, backwards: bool = False) -> dict:
    """Press Tab until the focused element satisfies `matches(state)`; every stop must show its focus."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        state = focused(page)
        if state["tag"] == "body":
            continue
        seen.append(f"{state['tag']}#{state['id']} {state['text'][:30]!r}")
        if matches(state):
            assert_focus_visible(page)
            return state
    raise AssertionError(f"no element found with {limit} presses of {key}; passed: {seen[:40]}")


def tab_to_field(page, element_id: str, **kwargs) -> dict:
    return tab_to(page, lambda state: state["id"] == element_id, **kwargs)


def tab_to_button(page, pattern: re.Pattern, **kwargs) -> dict:
    return tab_to(page, lambda state: state["tag"] == "button" and bool(pattern.search(state["text"])), **kwargs)


def start_from_main(page):
    """Put the keyboard at the start of the main content, as the skip link does."""
    page.evaluate("document.getElementById('main').focus()")


def type_into(page, element_id: str, text: str):
    """Tab to a field and type into it."""
    tab_to_field(page, element_id)
    page.keyboard.type(text)


def press_and_wait(page, key: str = "Enter"):
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()
