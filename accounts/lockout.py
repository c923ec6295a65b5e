"""Login lockout: django-axes handler counting failures on the shared cache.

Two counters per failed login, each with its own limit (both from settings):

- the **account**: the user a login name resolves to (username or email, any case), or
  the lower-cased name when it matches no one. ``AXES_FAILURE_LIMIT`` failures lock that
  account, from every address, for ``AXES_COOLOFF_TIME``.
- the **client address** (``healthcare_system.client_ip``: behind trusted proxies only):
  ``LOGIN_IP_FAILURE_LIMIT`` failures, against any accounts, lock that address. More
  lenient, so one person's typos never lock out a colleague at the same desk or proxy.

A correct login clears only its own account's counter: succeeding as oneself must not buy
more guesses at somebody else (axes' ``AXES_RESET_ON_SUCCESS`` cleared the address's).
Attempts while locked are refused without counting, so the lock ends on time.
"""

import logging

from axes.handlers.base import AbstractAxesHandler, AxesBaseHandler
from axes.helpers import get_cool_off
from axes.signals import user_locked_out
from django.conf import settings
from django.core.cache import caches

from .selectors import user_for_login

log = logging.getLogger(__name__)

_PREFIX = "login-failures"


def account_key(name: str | None) -> str | None:
    if not name:
        return None
    user = user_for_login(name)
    identity = f"user:{user.pk}" if user else f"name:{name.strip().lower()}"
    return f"{_PREFIX}:account:{identity}"


def address_key(ip_address: str | None) -> str | None:
    return f"{_PREFIX}:ip:{ip_address}" if ip_address else None


def _username(credentials: dict | None) -> str | None:
    return (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)


class SharedCacheLockoutHandler(AbstractAxesHandler, AxesBaseHandler):
    @property
    def cache(self):
        return caches[getattr(settings, "AXES_CACHE", "default")]

    def _timeout(self) -> int:
        return int(get_cool_off().total_seconds())

    def _counts(self, request, credentials) -> tuple[int, int]:
        keys = [account_key(_username(credentials)), address_key(request.axes_ip_address)]
        return tuple(self.cache.get(key, 0) if key else 0 for key in keys)

    def get_failures(self, request, credentials: dict | None = None) -> int:
        return self._counts(request, credentials)[0]

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        account, address = self._counts(request, credentials)
        return account >= settings.AXES_FAILURE_LIMIT or address >= settings.LOGIN_IP_FAILURE_LIMIT

    def _count_failure(self, key: str) -> int:
        if self.cache.add(key, 1, timeout=self._timeout()):
            return 1
        try:
            count = self.cache.incr(key)
        except ValueError:  # expired between add and incr
            self.cache.add(key, 1, timeout=self._timeout())
            return 1
        self.cache.touch(key, timeout=self._timeout())
        return count

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is None:
            return
        username = _username(credentials)
        if not getattr(request, "axes_locked_out", False):
            if self.is_whitelisted(request, credentials):
                return
            for key in (account_key(username), address_key(request.axes_ip_address)):
                if key:
                    self._count_failure(key)
            if not self.is_locked(request, credentials):
                return
            log.warning("Login locked out for %r from %s after repeated failures.", username, request.axes_ip_address)
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send("axes", request=request, username=username, ip_address=request.axes_ip_address)

    def user_logged_in(self, sender, request, user, **kwargs):
        if settings.AXES_RESET_ON_SUCCESS:
            self.cache.delete(account_key(user.get_username()))

    def user_logged_out(self, sender, request, user, **kwargs):
        pass

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False) -> int:
        """``manage.py axes_reset_ip`` / ``axes_reset_username``: lift a lock by hand."""
        keys = [key for key in (account_key(username), address_key(ip_address)) if key]
        return sum(1 for key in keys if self.cache.delete(key))
