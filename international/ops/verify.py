"""Read a backup archive and check every member against its manifest before anything is restored."""

import gzip
import hashlib
import json
import tarfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .backup import (
    CHUNK_SIZE,
    CONTENT,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_PREFIX,
    BackupError,
)

# Reading and checking ------------------------------------------------------------------


def unsafe_name(name):
    """Return why an archive member's *name* may not be written to disk, or ""."""
    if not name or "\x00" in name or "\\" in name:
        return "has a character a file name may not have"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "is an absolute path"
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return "leads out of its folder (..)"
    if any(part in ("", ".") for part in name.split("/")):
        return "is not a plain relative path"
    return ""


def member_kind(member):
    if member.issym():
        return "a symbolic link"
    if member.islnk():
        return "a hard link"
    if member.isdir():
        return "a folder"
    return "not a regular file"


@dataclass
class VerifiedBackup:
    """An archive whose members all matched its manifest, unpacked into a private folder."""

    path: Path
    manifest: dict
    folder: Path

    @property
    def content_path(self):
        return self.folder / CONTENT

    def media_path(self, relative):
        return self.folder / "media" / relative

    @property
    def counts(self):
        return self.manifest["counts"]


def read_manifest(archive, members, path):
    member = members.get(MANIFEST)
    if member is None:
        raise BackupError(
            f"{path} has no {MANIFEST}: it was not written by backup_content, or it is incomplete."
        )
    try:
        manifest = json.loads(archive.extractfile(member).read())
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"The manifest of {path} is not readable JSON: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not an archive of this site's content (unknown format).")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise BackupError(
            f"{path} is in backup format version {version!r}; this version of the site "
            f"reads format version {FORMAT_VERSION} only."
        )
    media = manifest.get("media")
    content = manifest.get("content")
    if not (
        isinstance(media, dict)
        and isinstance(content, dict)
        and isinstance(manifest.get("counts"), dict)
        and isinstance(manifest.get("migrations"), dict)
        and all(isinstance(entry, dict) for entry in media.values())
    ):
        raise BackupError(f"The manifest of {path} is incomplete.")
    for relative in media:
        reason = unsafe_name(relative)
        if reason:
            raise BackupError(f"The archive refers to a media file {relative!r} that {reason}.")
    return manifest


def extract_checked(archive, member, target, expected, path):
    """Write *member* to *target*, refusing it unless its size and SHA-256 are *expected*."""
    if member.size != expected.get("size"):
        raise BackupError(
            f"{member.name} in {path} does not have the size its manifest gives: the archive "
            "is damaged or was altered. Nothing was restored."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    source = archive.extractfile(member)
    with open(target, "wb") as file:
        while chunk := source.read(CHUNK_SIZE):
            digest.update(chunk)
            file.write(chunk)
    if digest.hexdigest() != expected.get("sha256"):
        raise BackupError(
            f"{member.name} in {path} does not match its checksum in the manifest: the "
            "archive is damaged or was altered. Nothing was restored."
        )


def verify_archive(path, folder):
    """Check every member of the archive at *path* and unpack it into *folder*.

    Refuses, before anything is written outside *folder*: a missing or unreadable
    file, members with unsafe names, links or other non-files, members the manifest
    does not list or lists but lacks, an unknown format version, and any member
    whose size or checksum differs from the manifest.
    """
    path = Path(path)
    if not path.exists():
        raise BackupError(f"There is no backup archive at {path}.")
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    try:
        with tarfile.open(path, mode="r:*") as archive:
            return verify_members(archive, path, Path(folder))
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(
            f"{path} is not a backup archive written by backup_content (a .tar.gz file), "
            f"or it is damaged: {error}"
        ) from None


def verify_members(archive, path, folder):
    members = {}
    for member in archive.getmembers():
        reason = unsafe_name(member.name)
        if reason:
            raise BackupError(
                f"{path} is refused: its member {member.name!r} {reason}. Nothing was restored."
            )
        if not member.isreg():
            raise BackupError(
                f"{path} is refused: its member {member.name!r} is {member_kind(member)}, "
                "and an archive of this site holds regular files only. Nothing was restored."
            )
        if member.name in members:
            raise BackupError(f"{path} is refused: it holds {member.name!r} twice.")
        members[member.name] = member

    manifest = read_manifest(archive, members, path)
    expected = {CONTENT: manifest["content"]}
    expected.update(
        {MEDIA_PREFIX + relative: entry for relative, entry in manifest["media"].items()}
    )
    unlisted = sorted(set(members) - set(expected) - {MANIFEST})
    if unlisted:
        raise BackupError(
            f"{path} is refused: {unlisted[0]} is not listed in its manifest "
            f"({len(unlisted)} such member(s)). Nothing was restored."
        )
    absent = sorted(set(expected) - set(members))
    if absent:
        raise BackupError(
            f"{path} is incomplete: {absent[0]} is listed in its manifest but missing "
            f"({len(absent)} such member(s)). Nothing was restored."
        )
    for name, entry in expected.items():
        extract_checked(archive, members[name], folder / name, entry, path)
    return VerifiedBackup(path=path, manifest=manifest, folder=folder)
