"""The content version: one number that every change to the section's content bumps.

Public pages and feeds are cached under it, so no request renders from stale content
after a save, delete, reorder or history restore. Signals cover saves and deletes;
bulk changes that send no signals (drag-and-drop reordering) call content_changed().
"""

import time

from django.core.cache import cache

VERSION_KEY = "international:content-version"


def content_version():
    """Return the current content version, starting one if the cache has none."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # A time-based start: a restarted cache never goes back to a version in use.
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def content_changed():
    """Bump the content version: everything cached before is stale from now on."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # Not in the cache yet (or evicted): start afresh.
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
