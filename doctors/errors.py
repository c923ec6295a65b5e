from healthcare_system.exceptions import DomainError


class WorkingHoursOverlap(DomainError):
    """Two working intervals of one doctor on one weekday would overlap."""
