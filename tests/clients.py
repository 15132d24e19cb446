"""The suite's test client: it meets CSRF protection the way a browser does.

Django's test client skips the CSRF check, so a form that lost its `{% csrf_token %}` passes every test and
answers 403 in a browser. `BrowserLikeClient` enforces the check, and its `post` submits a form the way a
person does: it takes the CSRF token from the form on the page that posts to the URL, so a POST succeeds only
if some page offers a form (or an htmx button) for it that carries a token.

- `client.post(url, data)`: the form is looked for on `url` itself (most forms post to the page that shows
  them); the page is loaded unless the client's last response was that very page.
- `client.post(url, data, page=other_url)`: the form lives on another page (a button that posts to a
  POST-only endpoint: the support button on a need's page, a phase change on the case page).
- `client.post(url, data, page=response)`: the form of a page the test loaded before (a tab left open, the
  back button's page), without loading anything.
- A post that already carries a token (`csrfmiddlewaretoken` in data, an `X-CSRFToken` header) goes out as is.
  `client.forge_post(url, data)` sends such a post for requests no page offers: access checks that post as a
  visitor or a stranger, who see no button, to show what the server answers them (`client.token_without_page()`
  is its token).
- A test of the CSRF refusal itself posts without a token: `django.test.Client(enforce_csrf_checks=True)`.

GET, PUT, DELETE and the others are Django's, with the CSRF check enforced.
"""

import json
import string
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.http.response import HttpResponseBase
from django.test import Client
from django.test.client import MULTIPART_CONTENT
from django.utils.crypto import get_random_string

TOKEN_FIELD = "csrfmiddlewaretoken"
TOKEN_HEADER = "X-CSRFToken"
BASE = "http://testserver"
# Elements without an end tag.
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)


@dataclass
class Form:
    method: str
    action: str | None
    id: str = ""
    token: str | None = None
    submissions: list[tuple[str, str | None]] = field(default_factory=list)  # buttons with formaction/formmethod

    def targets(self) -> list[tuple[str, str | None]]:
        """(method, action) of every way to submit the form: its own, and its buttons' formmethod/formaction."""
        return [(self.method, self.action), *self.submissions]


@dataclass
class HtmxPost:
    url: str
    header_token: str | None  # from the nearest hx-headers
    form: Form | None  # the form around it, whose fields htmx sends along


class PageParser(HTMLParser):
    """The forms of a page with their CSRF tokens, and the elements that post with htmx."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.htmx: list[HtmxPost] = []
        self._stack: list[tuple[str, dict]] = []
        self._form: Form | None = None
        self._owned: list[tuple[str, str, dict]] = []  # (form id, tag, attrs) of fields with form="id"

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            method = attrs.get("method", "get").lower()
            self._form = Form(method=method, action=attrs.get("action"), id=attrs.get("id", ""))
            self.forms.append(self._form)
        elif tag in ("input", "button"):
            if "form" in attrs:
                self._owned.append((attrs["form"], tag, attrs))
            elif self._form is not None:
                self._add_field(self._form, tag, attrs)
        hx_post = attrs.get("hx-post", attrs.get("data-hx-post"))
        if hx_post is not None:
            self.htmx.append(HtmxPost(hx_post, self._header_token(attrs), self._form))
        if tag not in VOID_ELEMENTS:
            self._stack.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break

    def close(self):
        super().close()
        by_id = {form.id: form for form in self.forms if form.id}
        for form_id, tag, attrs in self._owned:
            if form_id in by_id:
                self._add_field(by_id[form_id], tag, attrs)

    @staticmethod
    def _add_field(form: Form, tag: str, attrs: dict):
        kind = attrs.get("type", "submit" if tag == "button" else "text").lower()
        if tag == "input" and attrs.get("name") == TOKEN_FIELD:
            form.token = attrs.get("value") or None
        elif kind in ("submit", "image") and ("formaction" in attrs or "formmethod" in attrs):
            method = attrs.get("formmethod", form.method).lower()
            form.submissions.append((method, attrs.get("formaction", form.action)))

    def _header_token(self, attrs: dict) -> str | None:
        """The X-CSRFToken of the nearest hx-headers (htmx inherits it from the ancestors)."""
        for element_attrs in [attrs, *(a for _tag, a in reversed(self._stack))]:
            raw = element_attrs.get("hx-headers", element_attrs.get("data-hx-headers"))
            if raw is None:
                continue
            try:
                headers = json.loads(raw)
            except ValueError:
                continue  # js: expressions and the like
            if isinstance(headers, dict):
                for name, value in headers.items():
                    if name.lower() == TOKEN_HEADER.lower():
                        return value or None
        return None


def _same_target(action_url: str, target_url: str) -> bool:
    """Whether a form's resolved action goes to the posted URL: the same path; the query strings only count
    when both have one."""
    action, target = urlsplit(action_url), urlsplit(target_url)
    if (action.scheme, action.netloc) != (target.scheme, target.netloc):
        return False
    if unquote(action.path) != unquote(target.path):
        return False
    return not action.query or not target.query or sorted(action.query.split("&")) == sorted(target.query.split("&"))


def _page_key(url: str) -> str:
    parts = urlsplit(urljoin(BASE + "/", url))
    return unquote(parts.path) + (f"?{parts.query}" if parts.query else "")


@dataclass
class Found:
    token: str | None
    as_header: bool = False
    form_without_token: bool = False


def find_token(html: str, page_url: str, target: str) -> Found:
    """The token a person's browser sends when submitting, on the page at `page_url`, what posts to `target`."""
    parser = PageParser()
    parser.feed(html)
    parser.close()
    target_url = urljoin(page_url, target)
    without_token = False
    for form in parser.forms:
        for method, action in form.targets():
            if method == "post" and _same_target(urljoin(page_url, action or ""), target_url):
                if form.token:
                    return Found(form.token)
                without_token = True
    for element in parser.htmx:
        if _same_target(urljoin(page_url, element.url), target_url):
            if element.header_token:
                return Found(element.header_token, as_header=True)
            if element.form is not None and element.form.token:
                return Found(element.form.token)
            without_token = True
    return Found(None, form_without_token=without_token)


def _has_token(data, headers: dict | None, extra: dict) -> bool:
    if (isinstance(data, dict) or hasattr(data, "getlist")) and TOKEN_FIELD in data:
        return True
    header_names = {name.lower() for name in (headers or {})}
    return TOKEN_HEADER.lower() in header_names or settings.CSRF_HEADER_NAME in extra


class BrowserLikeClient(Client):
    """A test client with CSRF enforced whose `post` takes the token from the form a person would submit."""

    def __init__(self, *args, **kwargs):
        kwargs["enforce_csrf_checks"] = True
        super().__init__(*args, **kwargs)
        self._last_page: tuple[str, object] | None = None  # (URL, response) of the last response

    def request(self, **request):
        response = super().request(**request)
        self._last_page = (response.wsgi_request.get_full_path(), response)
        return response

    # Signing in or out changes the cookies: the page seen before is gone, as after a reload.
    def login(self, **credentials):
        self._last_page = None
        return super().login(**credentials)

    def force_login(self, user, backend=None):
        self._last_page = None
        return super().force_login(user, backend)

    def logout(self):
        self._last_page = None
        return super().logout()

    def post(
        self,
        path,
        data=None,
        content_type=MULTIPART_CONTENT,
        follow=False,
        secure=False,
        *,
        page=None,
        headers=None,
        query_params=None,
        **extra,
    ):
        """POST as a person submitting the form on `page` (a URL or an earlier response; default: `path`) that
        posts to `path`."""
        if not _has_token(data, headers, extra):
            page_url, response, found = self._token_from_page(page or path, path, secure)
            if found.token is None:
                raise AssertionError(self._no_form_message(page or path, page_url, response, path, found))
            if found.as_header or content_type != MULTIPART_CONTENT:
                headers = {**(headers or {}), TOKEN_HEADER: found.token}
            else:
                data = data.copy() if data is not None else {}
                data[TOKEN_FIELD] = found.token
            sent = {name.lower() for name in headers or {}}
            if secure and "HTTP_REFERER" not in extra and not {"referer", "origin"} & sent:
                extra["HTTP_REFERER"] = page_url  # over HTTPS the check wants the page that sent the form
        return super().post(
            path,
            data=data,
            content_type=content_type,
            follow=follow,
            secure=secure,
            headers=headers,
            query_params=query_params,
            **extra,
        )

    def _token_from_page(self, page, target: str, secure: bool) -> tuple[str, object, Found]:
        """The page's URL and response, and what it offers for posting to `target`. `page` is a URL: the last
        response if it was that page (and offers it), else the page freshly loaded; or a response of the test (a
        page still open in a tab, the back button's page)."""
        scheme = "https://testserver" if secure else BASE
        if isinstance(page, HttpResponseBase):
            url = page.wsgi_request.get_full_path()
            return scheme + url, page, self._find(page, scheme + url, target)
        if self._last_page is not None and _page_key(self._last_page[0]) == _page_key(page):
            url, response = self._last_page
            found = self._find(response, scheme + url, target)
            if found.token is not None:
                return scheme + url, response, found
        self.get(page, follow=True, secure=secure)
        url, response = self._last_page
        return scheme + url, response, self._find(response, scheme + url, target)

    @staticmethod
    def _no_form_message(page, page_url: str, response, path: str, found: Found) -> str:
        landed = page_url.removeprefix(BASE).removeprefix("https://testserver")
        if isinstance(page, HttpResponseBase):
            page = landed
        shown = page if _page_key(page) == _page_key(landed) else f"{page} (which led to {landed})"
        if found.form_without_token:
            return (
                f"The form on {shown} that posts to {path} has no CSRF token: a browser gets 403 "
                "(a {% csrf_token %} missing, or an include `only` without csrf_token=csrf_token)"
            )
        answered = f" (the page answered {response.status_code})" if response.status_code != 200 else ""
        return (
            f"No form on {shown}{answered} posts to {path} with a CSRF token — "
            "pass page= the URL where people find this form"
        )

    @staticmethod
    def _find(response, page_url: str, target: str) -> Found:
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return Found(None)
        return find_token(response.content.decode(response.charset or "utf-8"), page_url, target)

    def forge_post(self, path, data=None, **kwargs):
        """POST what no page offers, with a valid CSRF token: access checks of what the server answers a visitor
        or a stranger who sees no button (a forged request; the CSRF check is not what is tested)."""
        headers = {**(kwargs.pop("headers", None) or {}), TOKEN_HEADER: self.token_without_page()}
        return self.post(path, data, headers=headers, **kwargs)

    def token_without_page(self) -> str:
        """A valid CSRF token for a request that no page offers (access checks of what the server answers a
        visitor or a stranger posting where they see no button). Not for posts that stand for a person using
        a form: those take the token from the form."""
        cookie = self.cookies.get(settings.CSRF_COOKIE_NAME)
        if cookie is not None and cookie.value:
            return cookie.value
        secret = get_random_string(32, string.ascii_letters + string.digits)
        self.cookies[settings.CSRF_COOKIE_NAME] = secret
        return secret
