from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .selectors import user_for_login


class UsernameOrEmailBackend(ModelBackend):
    """Log in with the username or the email address, either in any case."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = user_for_login(username)
        if user is None:
            # Hash anyway so an unknown name takes as long as a wrong password.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
