"""Uploads are checked and re-encoded with Pillow: no non-images, SVG, bombs, big files or metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from initiatives import images


def image_file(fmt="PNG", size=(40, 30), mode="RGB", name="bild.png", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, color=(200, 30, 30) if mode == "RGB" else None).save(buffer, format=fmt, **save_options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def test_a_png_is_reencoded_with_a_random_name():
    clean = images.reencode(image_file())
    assert clean.name.endswith(".jpg") and "bild" not in clean.name
    with Image.open(io.BytesIO(clean.read())) as result:
        assert result.format == "JPEG" and result.size == (40, 30)


def test_transparency_stays_png():
    clean = images.reencode(image_file(mode="RGBA"))
    assert clean.name.endswith(".png")


def test_metadata_is_stripped():
    exif = Image.Exif()
    exif[0x010F] = "Kamera GmbH"  # Make
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS info
    upload = image_file("JPEG", name="foto.jpg", exif=exif.tobytes(), comment=b"geheim")
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif()
    upload.seek(0)
    clean = images.reencode(upload)
    data = clean.read()
    with Image.open(io.BytesIO(data)) as result:
        assert not result.getexif()
        assert "comment" not in result.info and "exif" not in result.info
    assert b"Kamera GmbH" not in data and b"geheim" not in data


def test_large_photos_are_scaled_down():
    clean = images.reencode(image_file(size=(3000, 1000)))
    with Image.open(io.BytesIO(clean.read())) as result:
        assert result.size == (2400, 800)


@pytest.mark.parametrize(
    "content",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"%PDF-1.4 not an image",
        b"just text",
        b"\x89PNG\r\n\x1a\n broken",
    ],
)
def test_non_images_are_refused(content):
    with pytest.raises(ValidationError) as error:
        images.reencode(SimpleUploadedFile("x.png", content))
    assert error.value.code == "not_image"


def test_other_raster_formats_are_refused():
    with pytest.raises(ValidationError) as error:
        images.reencode(image_file("BMP", name="x.bmp"))
    assert error.value.code == "not_image"


def test_files_over_5_mb_are_refused():
    upload = SimpleUploadedFile("big.png", b"\0" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as error:
        images.reencode(upload)
    assert error.value.code == "too_large"


def test_decompression_bombs_are_refused(monkeypatch):
    upload = image_file(size=(200, 200))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100 * 100)
    with pytest.raises(ValidationError) as error:
        images.reencode(upload)
    assert error.value.code == "bomb"
