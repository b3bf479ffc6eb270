"""Benchmark settings: production settings plus a minimal view to compare against.

BENCH_CACHE=off replaces the cache with a dummy one, so every request renders (cold).
"""

import os

from stara_zagora.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
if os.environ.get("BENCH_CACHE") == "off":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
