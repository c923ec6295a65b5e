from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower


class Role(models.TextChoices):
    PATIENT = "patient", "Patient"
    DOCTOR = "doctor", "Doctor"
    ADMIN = "admin", "Admin"
    # Books, moves, cancels and checks in for any patient; never reads clinical data.
    FRONT_DESK = "front_desk", "Front desk"


class ClinicUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in. Profiles (``Patient``, ``Doctor``) hang off it one-to-one."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PATIENT)
    email = models.EmailField("email address")
    # Set when the owner follows the link mailed after registration or an email change.
    email_verified_at = models.DateTimeField(null=True, blank=True)

    objects = ClinicUserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        constraints = [
            # Logins accept either name, so both must be unique whatever their case.
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                condition=~models.Q(email=""),
            ),
        ]

    @property
    def effective_role(self) -> str:
        """Superusers and staff count as admins whatever their stored role."""
        if self.is_superuser or self.is_staff:
            return Role.ADMIN
        return self.role

    @property
    def is_admin(self) -> bool:
        return self.effective_role == Role.ADMIN

    @property
    def is_patient(self) -> bool:
        return self.effective_role == Role.PATIENT

    @property
    def is_doctor(self) -> bool:
        return self.effective_role == Role.DOCTOR

    @property
    def is_front_desk(self) -> bool:
        return self.effective_role == Role.FRONT_DESK

    def __str__(self) -> str:
        return self.get_full_name() or self.username
