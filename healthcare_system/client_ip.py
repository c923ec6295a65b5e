"""The address a request came from: one answer for the login lockout, the throttles and the
access log, so that all three count the same client."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or behind N trusted proxies (``TRUSTED_PROXY_COUNT``) the address the
    outermost of them saw: the N-th entry from the right of X-Forwarded-For.

    Entries further left were written by the client and are never believed: anyone can
    send ``X-Forwarded-For: 1.2.3.4``. Without proxies the header is ignored altogether.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            remote = hops[-proxies]
    try:
        return str(ipaddress.ip_address(remote)) if remote else None
    except ValueError:
        return None
