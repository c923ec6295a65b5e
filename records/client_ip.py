"""The address a request came from, as the access log records it."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or behind N trusted proxies (``AXES_IPWARE_PROXY_COUNT``) the address
    the outermost of them saw: the N-th entry from the right of X-Forwarded-For.

    The header is only believed behind proxies we run: without them any client could
    write any address into it. Same setting as the login lockout, so both agree.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            remote = hops[-proxies]
    try:
        return str(ipaddress.ip_address(remote)) if remote else None
    except ValueError:
        return None
