"""Hostile uploads on the initiative's logo and photo forms, end to end through the views.

initiatives/images.py opens every upload with Pillow and stores a re-encoded copy (tests/initiatives/
test_images.py tests it as a function); here the attacks go through the pages, as the initiative's lead.
"""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from initiatives.models import Photo
from tests.security.conftest import png

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = ("not an image we can read", "kein Bild")
TOO_MANY_PIXELS = ("too many pixels", "zu viele Pixel")
TOO_LARGE = ("larger than 5 MB", "größer als 5 MB")


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(width=40000, height=40000) -> bytes:
    """A few hundred bytes that declare 1.6 billion pixels: a decompression bomb, refused before decoding."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit grey
    rows = zlib.compress(b"\x00" * 1024, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


HOSTILE = {
    "a renamed Windows executable": ("bild.png", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 2000, NOT_AN_IMAGE),
    "a renamed ELF binary": ("foto.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 2000, NOT_AN_IMAGE),
    "a shell script": ("logo.gif", b"#!/bin/sh\nrm -rf /\n", NOT_AN_IMAGE),
    "an SVG with a script": (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>',
        NOT_AN_IMAGE,
    ),
    "an SVG renamed to .png": (
        "logo.png",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        NOT_AN_IMAGE,
    ),
    "an HTML page renamed to .jpg": ("foto.jpg", b"<html><script>alert(1)</script></html>", NOT_AN_IMAGE),
    "a GIF header with a script behind": ("a.gif", b"GIF89a<script>alert(1)</script>", NOT_AN_IMAGE),
    "a PDF": ("plan.png", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", NOT_AN_IMAGE),
    "a decompression bomb": ("bombe.png", png_bomb(), TOO_MANY_PIXELS),
    "an oversized file": ("riesig.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (5 * 1024 * 1024 + 1), TOO_LARGE),
}


def tiff() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="TIFF")
    return buffer.getvalue()


HOSTILE["a TIFF (a raster format we do not take)"] = ("scan.tiff", tiff(), NOT_AN_IMAGE)


@pytest.fixture
def lead_client(stage, client_for):
    return client_for(stage.lead)


@pytest.mark.parametrize("attack", list(HOSTILE), ids=list(HOSTILE))
@pytest.mark.parametrize("field", ["logo", "photo"])
def test_hostile_uploads_are_refused(stage, lead_client, attack, field):
    name, content, messages = HOSTILE[attack]
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    photos_before = Photo.objects.count()
    if field == "logo":
        response = lead_client.post(reverse("initiatives:logo", args=[stage.ours.slug]), {"logo": upload})
    else:
        response = lead_client.post(
            reverse("initiatives:photos", args=[stage.ours.slug]), {"image": upload, "caption": "x"}
        )
    assert response.status_code == 200  # the page again, with the error at the field
    body = response.content.decode()
    assert any(message in body for message in messages), body[:2000]
    stage.ours.refresh_from_db()
    assert not stage.ours.logo
    assert Photo.objects.count() == photos_before


def test_a_good_image_is_stored_re_encoded_under_a_random_name(stage, lead_client):
    response = lead_client.post(
        reverse("initiatives:photos", args=[stage.ours.slug]),
        {"image": png("<script>.png"), "caption": "<script>alert(1)</script>"},
    )
    assert response.status_code == 302
    photo = Photo.objects.latest("pk")
    stored_name = photo.image.name.rsplit("/", 1)[-1]
    assert "script" not in stored_name and stored_name.endswith((".png", ".jpg"))
    with photo.image.open("rb") as file:
        assert Image.open(file).format in {"PNG", "JPEG"}
    page = lead_client.get(reverse("initiatives:photos", args=[stage.ours.slug])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
