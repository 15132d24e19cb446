"""Checking and re-encoding uploaded logos and photos with Pillow.

Every upload is opened, verified and re-encoded: the stored file is a fresh PNG or JPEG written by Pillow, so
it carries no metadata (EXIF with GPS positions, comments) and no smuggled content. Refused: files over
MAX_BYTES, anything Pillow does not read as a raster image (SVG, PDF, scripts), formats outside ALLOWED_FORMATS,
and decompression bombs (more pixels than Image.MAX_IMAGE_PIXELS).
"""

import io
import secrets
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
MAX_EDGE = 2400  # longer edge after re-encoding; larger photos are scaled down


def reencode(upload, *, max_edge: int = MAX_EDGE) -> ContentFile:
    """A checked, metadata-free copy of the uploaded image, with a random file name."""
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB. Please upload a smaller image."), code="too_large")
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB. Please upload a smaller image."), code="too_large")
    try:
        with warnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS and raises above twice that; refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(_("The image has too many pixels."), code="bomb") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The file is not an image we can read. Please upload a JPEG, PNG, GIF or WebP file."), code="not_image"
        ) from error
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("The file is not an image we can read. Please upload a JPEG, PNG, GIF or WebP file."), code="not_image"
        )
    image = ImageOps.exif_transpose(image)  # keep the orientation the camera meant, then drop the EXIF
    if image.mode in {"P", "LA", "RGBA", "PA"} or "transparency" in image.info:
        image = image.convert("RGBA")
        out_format, extension = "PNG", "png"
    else:
        image = image.convert("RGB")
        out_format, extension = "JPEG", "jpg"
    image.thumbnail((max_edge, max_edge))
    clean = Image.new(image.mode, image.size)
    clean.paste(image)  # a new image carries no info dict, ICC profile or EXIF from the upload
    buffer = io.BytesIO()
    options = {"optimize": True}
    if out_format == "JPEG":
        options["quality"] = 85
    clean.save(buffer, format=out_format, **options)
    return ContentFile(buffer.getvalue(), name=f"{secrets.token_hex(12)}.{extension}")
