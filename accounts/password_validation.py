"""A password strength rule on top of Django's validators.

Django's rules pass ``Aa1!aaaa`` (a pattern) and ``clinic2026`` (a word and a year): both
fall to a guesser in seconds. zxcvbn estimates guesses from patterns, dictionaries,
dates and keyboard walks; we ask for a score of ``PASSWORD_MIN_STRENGTH`` (0 to 4, default 3:
"safely unguessable", about 10^8 guesses or more).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from zxcvbn import zxcvbn

# Words any attacker of this site tries first.
SITE_WORDS = ["clinic", "health", "healthcare", "doctor", "patient", "appointment", "medical"]


class StrengthValidator:
    def __init__(self, min_score: int | None = None):
        self.min_score = min_score

    def _min_score(self) -> int:
        return self.min_score if self.min_score is not None else settings.PASSWORD_MIN_STRENGTH

    def validate(self, password, user=None):
        inputs = list(SITE_WORDS)
        if user is not None:
            fields = ("username", "email", "first_name", "last_name")
            inputs += [str(getattr(user, field, "") or "") for field in fields]
        # zxcvbn's cost grows with length; the first 100 characters decide anyway.
        result = zxcvbn(password[:100], user_inputs=[value for value in inputs if value])
        if result["score"] < self._min_score():
            hint = result["feedback"].get("warning") or "It follows a pattern that is quick to guess."
            raise ValidationError(
                f"This password is too easy to guess. {hint} Add more words or characters that are not a pattern.",
                code="password_too_weak",
            )

    def get_help_text(self):
        return "Your password must not be easy to guess: avoid words, years, names and patterns."
