"""An image chosen in a form that failed on another field, kept until the form is sent again.

A browser cannot refill a file input: without this the editor would have to choose the
image again after correcting, say, a missing name. The checked upload is written to the
media storage under KEPT_ROOT and the form carries a signed token naming it; the next
submit without a new file takes the image from there. Kept files are removed once the
record is saved, and `manage.py clean_media` removes those older than KEPT_MAX_AGE.
"""

import contextlib
import datetime
import posixpath
import secrets

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

KEPT_ROOT = "international/kept-uploads"
KEPT_MAX_AGE = datetime.timedelta(days=1)
SALT = "international.media.kept"


def keep(upload, storage=default_storage):
    """Store *upload* (an accepted, not yet saved file); return (token, path)."""
    name = posixpath.basename(upload.name)
    position = upload.tell()
    upload.seek(0)
    try:
        path = storage.save(f"{KEPT_ROOT}/{secrets.token_hex(8)}/{name}", upload)
    finally:
        upload.seek(position)
    return signing.dumps(path, salt=SALT), path


def kept_path(token):
    """Return the path a token names, or None if it is forged, expired or not a kept file."""
    try:
        path = signing.loads(token, salt=SALT, max_age=KEPT_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(path, str) or not path.startswith(f"{KEPT_ROOT}/") or ".." in path:
        return None
    return path


def load(path, storage=default_storage):
    """Return the kept file at *path* as an upload, or None if it is gone."""
    try:
        with storage.open(path, "rb") as file:
            content = file.read()
    except (FileNotFoundError, OSError):
        return None
    upload = SimpleUploadedFile(posixpath.basename(path), content)
    upload.kept_path = path
    return upload


def discard(path, storage=default_storage):
    storage.delete(path)
    folder = posixpath.dirname(path)
    with contextlib.suppress(OSError):  # Not empty, or an object storage with no folders.
        storage.delete(folder)
