"""Hooks the accounts layer offers to the layers above it (connected in their ``AppConfig.ready()``).

Accounts must not import the profiles built on users (patients, doctors), so it announces a
role change and each profile app keeps its own profile in step. Sent inside the transaction of
the change: a receiver's writes commit or roll back with it; a receiver's error fails the change.
"""

from django.dispatch import Signal

# A user's role was set (changed or confirmed). kwargs: ``user`` (saved, locked), ``role``.
role_set = Signal()
