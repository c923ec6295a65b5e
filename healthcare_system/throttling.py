"""DRF's throttles, counting per client address as ``client_ip`` sees it.

DRF's own ``get_ident`` believes the whole X-Forwarded-For header when NUM_PROXIES is
unset, so a client could pick a new address per request. The counters live in the
default cache: Redis (``CACHE_URL``) shares them between every worker and replica.
"""

from rest_framework import throttling

from .client_ip import client_ip


class _ClientAddress:
    def get_ident(self, request):
        return client_ip(request) or "unknown"


class AnonRateThrottle(_ClientAddress, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_ClientAddress, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(_ClientAddress, throttling.ScopedRateThrottle):
    pass
