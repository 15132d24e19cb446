"""The suite's client (tests/clients.py) posts only what a page offers with a CSRF token, as a browser does.

The pages here are made up for the test (this module is their URLconf): forms with and without the token, a
button of a page that posts to a POST-only endpoint, an htmx button that takes the token from hx-headers.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse, HttpResponseNotAllowed
from django.template import engines
from django.test import Client
from django.urls import path

from tests.clients import BrowserLikeClient

pytestmark = pytest.mark.urls("tests.test_clients")

LOADS: list[str] = []  # the paths of the pages loaded (GET), in order


def page(body: str):
    """A view that shows `body` (a template) on GET and answers 'posted' with what came on POST."""

    def view(request):
        if request.method == "POST":
            if request.content_type == "application/json":
                return HttpResponse(b"posted " + request.body)
            return HttpResponse(f"posted {request.POST.get('name', '')} {','.join(sorted(request.FILES))}")
        LOADS.append(request.path)
        html = '<!DOCTYPE html><html><body hx-headers=\'{"X-CSRFToken": "{{ csrf_token }}"}\'>' + body
        return HttpResponse(engines["django"].from_string(html + "</body></html>").render({}, request))

    return view


def post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return HttpResponse("posted")


TOKEN = "{% csrf_token %}"
urlpatterns = [
    path("own/", page(f'<form method="post">{TOKEN}<input name="name"><button>Save</button></form>')),
    path("no-token/", page('<form method="post" action="/no-token/"><button>Save</button></form>')),
    path("button/", page(f'<form method="post" action="/endpoint/">{TOKEN}<button>Support</button></form>')),
    path("relative/", page(f'<form method="POST" action="../endpoint/">{TOKEN}<button>Go</button></form>')),
    path("elsewhere/", page(f'<form method="post" action="/other/">{TOKEN}<button>Other</button></form>')),
    path("search/", page(f'<form method="get" action="/endpoint/">{TOKEN}<button>Search</button></form>')),
    path("htmx/", page('<div><button hx-post="/endpoint/" hx-target="this">Support</button></div>')),
    path("formaction/", page(f'<form method="post">{TOKEN}<button formaction="/endpoint/">Go</button></form>')),
    path(
        "outside/",
        page(
            '<form id="f" method="post" action="/endpoint/"></form>'
            '<input type="hidden" form="f" name="csrfmiddlewaretoken" value="{{ csrf_token }}">'
        ),
    ),
    path("endpoint/", post_only),
    path("other/", post_only),
]


@pytest.fixture
def client():
    LOADS.clear()
    return BrowserLikeClient()


def test_a_form_on_the_page_posts_with_its_token(client):
    response = client.post("/own/", {"name": "Rita"})
    assert response.status_code == 200 and response.content.startswith(b"posted Rita")
    assert LOADS == ["/own/"]


def test_the_last_response_is_the_page_when_it_was_that_page(client):
    client.get("/own/")
    client.post("/own/", {"name": "Rita"})
    assert LOADS == ["/own/"]  # not loaded again


def test_a_form_without_the_token_fails(client):
    with pytest.raises(AssertionError, match="The form on /no-token/ that posts to /no-token/ has no CSRF token"):
        client.post("/no-token/")


def test_a_post_only_endpoint_needs_the_page_of_its_button(client):
    with pytest.raises(AssertionError, match=r"No form on /endpoint/ \(the page answered 405\) posts to /endpoint/"):
        client.post("/endpoint/")
    assert client.post("/endpoint/", page="/button/").content == b"posted"
    assert client.post("/endpoint/", page="/relative/").content == b"posted"  # action="../endpoint/"
    assert client.post("/endpoint/", page="/formaction/").content == b"posted"  # <button formaction>
    assert client.post("/endpoint/", page="/outside/").content == b"posted"  # <input form="f">


def test_a_form_that_posts_elsewhere_is_not_used(client):
    with pytest.raises(AssertionError, match="No form on /elsewhere/ posts to /endpoint/ with a CSRF token"):
        client.post("/endpoint/", page="/elsewhere/")
    with pytest.raises(AssertionError, match="No form on /search/ posts to /endpoint/"):
        client.post("/endpoint/", page="/search/")  # a GET form is no POST form


def test_an_htmx_button_posts_with_the_token_of_hx_headers(client):
    response = client.post("/endpoint/", page="/htmx/", headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.content == b"posted"


def test_files_and_other_content_types_go_the_same_way(client):
    upload = SimpleUploadedFile("a.txt", b"hello", content_type="text/plain")
    assert client.post("/own/", {"name": "Rita", "file": upload}).content.startswith(b"posted Rita file")
    response = client.post("/own/", {"name": "Rita"}, content_type="application/json")
    assert response.status_code == 200 and b'{"name": "Rita"}' in response.content  # the token went as a header
    with pytest.raises(AssertionError, match="has no CSRF token"):
        client.post("/no-token/", {"a": 1}, content_type="application/json")


def test_a_post_with_a_token_goes_out_as_is(client):
    assert client.post("/endpoint/", {"csrfmiddlewaretoken": client.token_without_page()}).content == b"posted"
    assert client.post("/endpoint/", headers={"X-CSRFToken": client.token_without_page()}).content == b"posted"
    assert client.forge_post("/endpoint/").content == b"posted"  # an access check: no page involved
    assert client.post("/endpoint/", HTTP_X_CSRFTOKEN="forged").status_code == 403  # the check is enforced
    assert LOADS == []


def test_a_page_loaded_before_gives_its_token(client):
    page = client.get("/button/")
    client.get("/own/")
    assert client.post("/endpoint/", page=page).content == b"posted"  # a tab still open
    assert LOADS == ["/button/", "/own/"]
    with pytest.raises(AssertionError, match="No form on /own/ posts to /endpoint/"):
        client.post("/endpoint/", page=client.get("/own/"))


def test_signing_out_forgets_the_page(client, django_user_model):
    client.get("/own/")
    client.logout()  # the cookies are gone: the page's token with them
    assert client.post("/own/", {"name": "Rita"}).status_code == 200
    assert LOADS == ["/own/", "/own/"]


def test_without_a_token_the_server_refuses(client):
    """What the client guards against: Django refuses a post without the token with 403."""
    assert Client(enforce_csrf_checks=True).post("/endpoint/").status_code == 403
