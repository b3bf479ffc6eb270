"""Files in the media storage that no record refers to, and how to find them.

A record refers to its cleaned original and to the renditions made of it; a version
in a record's history refers to its original (restoring it makes the renditions
again); a document, and each version of it in history, refers to its file. Anything
else under the media root is an orphan: e.g. what a worker killed in the middle of a
save wrote before the database rolled back, or an image kept for a form that was never
sent again (media/kept.py; once older than a day). The storage is walked through Django's
storage API, so local disk and object storage are treated alike.
"""

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.utils import timezone

from ..media import renditions
from ..media.kept import KEPT_MAX_AGE, KEPT_ROOT
from ..models import Document, image_models

#: The models whose rows refer to an uploaded file by a plain file field, with the field.
FILE_MODELS = [(Document, "file")]


def referenced_paths(records, history_names):
    """Return every media path referred to.

    *records* are (image name, content hash, width) of the records as they are now;
    *history_names* the other file names they refer to: the images kept in their history,
    and the documents' files.
    """
    paths = {name for name in history_names if name}
    for name, content_hash, width in records:
        if not name:
            continue
        paths.add(name)
        if content_hash and width:
            paths |= renditions.expected_renditions(content_hash, width, name)
    return paths


def referenced_in_database():
    """Return every media path the records and their history refer to now."""
    records, history_names = [], []
    for model in image_models():
        records += model._base_manager.exclude(image="").values_list(
            "image", "image_hash", "image_width"
        )
        history_names += model.history.model._base_manager.exclude(image="").values_list(
            "image", flat=True
        )
    for model, field in FILE_MODELS:
        for rows in (model._base_manager, model.history.model._base_manager):
            history_names += rows.exclude(**{field: ""}).values_list(field, flat=True)
    return referenced_paths(records, history_names)


def referenced_in_rows(rows):
    """Return every media path the serialised *rows* (as a backup dumps them) refer to."""
    current = {model._meta.label_lower for model in image_models()}
    historical = {model.history.model._meta.label_lower for model in image_models()}
    records = [
        (fields.get("image"), fields.get("image_hash"), fields.get("image_width"))
        for fields in (row["fields"] for row in rows if row["model"] in current)
    ]
    history_names = [row["fields"].get("image") for row in rows if row["model"] in historical]
    for model, field in FILE_MODELS:
        labels = {model._meta.label_lower, model.history.model._meta.label_lower}
        history_names += [row["fields"].get(field) for row in rows if row["model"] in labels]
    return referenced_paths(records, history_names)


def stored_paths(storage=default_storage, folder=""):
    """Yield the path of every file in *storage*, folder by folder."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # no media root yet
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from stored_paths(storage, f"{folder}/{name}" if folder else name)


@dataclass(frozen=True)
class Orphan:
    path: str
    size: int


def orphans(storage=default_storage, min_age=None):
    """Return the files in *storage* that nothing refers to, oldest first by path.

    With *min_age* (a timedelta), files changed more recently are left out: an upload
    is written a moment before the row that names it is committed.
    """
    referenced = referenced_in_database()
    now = timezone.now()
    found = []
    for path in stored_paths(storage):
        if path in referenced:
            continue
        kept = path.startswith(f"{KEPT_ROOT}/")
        if min_age or kept:
            age = now - storage.get_modified_time(path)  # A round trip on object storage.
            if min_age and age < min_age:
                continue
            if kept and age < KEPT_MAX_AGE:
                continue  # An image kept for a form being corrected: its token is still good.
        found.append(Orphan(path, storage.size(path)))
    return found
