"""The health check a load balancer or monitor calls: /healthz."""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from ..public.decorators import read_only

logger = logging.getLogger(__name__)


@never_cache
@read_only
def healthz(request):
    """Answer 200 when the database and the cache work, 503 otherwise; no details to the public."""
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: the database is unavailable")
        healthy = False
    try:
        cache.set("international:healthz", "ok", 10)
        if cache.get("international:healthz") != "ok":
            raise RuntimeError("the cache did not return what was stored")
    except Exception:
        logger.exception("Health check: the cache is unavailable")
        healthy = False
    if healthy:
        return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    return HttpResponse("unavailable\n", status=503, content_type="text/plain; charset=utf-8")
