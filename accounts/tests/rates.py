from contextlib import contextmanager

from healthcare_system import throttling

_CLASSES = (throttling.AnonRateThrottle, throttling.UserRateThrottle, throttling.ScopedRateThrottle)


@contextmanager
def throttle_rates(**rates):
    """DRF copies the rates onto the throttle classes at import: swap them there for a test."""
    saved = [(cls, cls.__dict__.get("THROTTLE_RATES")) for cls in _CLASSES]
    for cls in _CLASSES:
        cls.THROTTLE_RATES = {**cls.THROTTLE_RATES, **rates}
    try:
        yield
    finally:
        for cls, own in saved:
            if own is None:
                del cls.THROTTLE_RATES
            else:
                cls.THROTTLE_RATES = own
