"""Officers' photos: checked, then re-encoded, so what is stored is a plain JPEG with no metadata.

Re-encoding drops EXIF (camera, GPS position of where it was taken, the phone's owner) and any
payload hidden after the image data; an upload is refused before decoding if too large in bytes or
in pixels (a small file can decode to a huge image).
"""

from __future__ import annotations

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
SIDE = 800  # the longest side kept: enough for a page and the API, small to serve
QUALITY = 85


def reencoded(upload: UploadedFile) -> ContentFile:
    """A JPEG of at most SIDE pixels a side, without metadata; ValidationError names what is wrong."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(f"The photo is {upload.size // 1024} KB: at most {MAX_BYTES // (1024 * 1024)} MB please.")
    image = _opened(upload)
    image = ImageOps.exif_transpose(image).convert("RGB")  # keep the orientation the EXIF said, then drop EXIF
    image.thumbnail((SIDE, SIDE))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=QUALITY, optimize=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


def _opened(upload: UploadedFile) -> Image.Image:
    upload.seek(0)
    try:
        image = Image.open(upload)
        if image.format not in ACCEPTED_FORMATS:
            raise ValidationError(f"The photo must be one of: {', '.join(ACCEPTED_FORMATS.values())}.")
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(f"The photo is {image.width} x {image.height} pixels: too large to use.")
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError("This file is not a photo we can read (JPEG, PNG or WebP).") from None
    return image
