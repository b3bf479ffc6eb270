"""How many feedback messages one address may send in a while (settings.FEEDBACK_RATE_*)."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from ipware import get_client_ip


def client_address(request):
    """Return the sender's IP address, trusting X-Forwarded-For only behind a proxy.

    Uses the headers django-axes is told to trust (settings.BEHIND_PROXY), so the form
    and the login lockout see the same address.
    """
    address, _routable = get_client_ip(
        request,
        proxy_count=settings.AXES_IPWARE_PROXY_COUNT or None,
        request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
    )
    return address or request.META.get("REMOTE_ADDR", "")


def _rate_key(request):
    # The address is hashed: the cache holds no one's IP address in the clear.
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"international:feedback-rate:{digest}"


def rate_limited(request):
    """Return True if this address has sent FEEDBACK_RATE_LIMIT messages in the window."""
    return cache.get(_rate_key(request), 0) >= settings.FEEDBACK_RATE_LIMIT


def count_message(request):
    """Count one more message from this address; the window starts with the first."""
    key = _rate_key(request)
    if not cache.add(key, 1, settings.FEEDBACK_RATE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # Expired between add() and incr().
            cache.add(key, 1, settings.FEEDBACK_RATE_WINDOW)
