"""Hooks the doctors layer offers to the layers above it (connected in their ``AppConfig.ready()``).

Sent inside the transaction of the change; see ``appointments.hooks``.
"""

from django.dispatch import Signal

# Days that were leave are working days again (a leave removed or shortened).
# kwargs: ``doctor``, ``start_date``, ``end_date`` (dates in the doctor's zone, both included).
leave_lifted = Signal()

# A doctor's free slots are about to be listed: receivers settle what is due first (the
# waitlist releases holds whose offer ran out). kwargs: ``doctor``, ``now``.
before_slot_listing = Signal()

# A leave was created or changed (its days may cover booked visits). kwargs: ``leave``.
leave_saved = Signal()

# A visit type is no longer offered (its ``active`` turned false): receivers settle what waited
# for it (the waitlist's open entries wait on for a plain slot). kwargs: ``visit_type``.
visit_type_retired = Signal()
