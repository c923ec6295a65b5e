"""Settings for the load benchmark (bench/run): the project's own, plus a reference endpoint.

The reference (bench/reference.py) lives only here, in the benchmark's URLconf: production
URLs never serve it.
"""

from healthcare_system.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
