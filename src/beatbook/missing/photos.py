"""A briefing's photo: checked (size, a real JPEG, PNG or WebP image of sensible dimensions) and
re-encoded as a JPEG no larger than officers' screens need. Re-encoding drops the file's metadata,
such as where and when it was taken, which a briefing does not need to hold."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

ACCEPTED = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000  # more than any camera's photo: anything bigger is a decompression bomb
LONGEST_SIDE = 800


def checked_jpeg(upload: UploadedFile) -> bytes:
    """The upload as a JPEG, or a ValidationError saying what is wrong with it."""
    limit = settings.BEATBOOK_MISSING_PHOTO_MAX_KB
    if upload.size is None or upload.size > limit * 1024:
        raise ValidationError(f"The photo is larger than {limit} KB: send a smaller one.")
    try:
        with Image.open(upload) as image:
            if image.format not in ACCEPTED:
                raise ValidationError(f"The photo must be a JPEG, PNG or WebP image, not {image.format or 'this'}.")
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError("The photo has too many pixels.")
            image.load()
            return _as_jpeg(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError("The file is not a photo that can be read (JPEG, PNG or WebP).") from None


def _as_jpeg(image: Image.Image) -> bytes:
    picture = image.convert("RGB")
    picture.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85)
    return out.getvalue()
