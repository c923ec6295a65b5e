"""Sessions end when they must, tried as an attacker would (issue 17, findings 5 and 6)."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from accounts.services import user_password_set
from accounts.tests.factories import PASSWORD, AdminUserFactory, UserFactory
from accounts.tests.rates import throttle_rates
from doctors.tests.factories import DoctorFactory

NEW_PASSWORD = "Another-Sturdy-Pass-2028!"


def login(username, password=PASSWORD):
    response = APIClient().post("/api/token/", {"username": username, "password": password}, format="json")
    return response


def refresh(token):
    return APIClient().post("/api/token/refresh/", {"refresh": token}, format="json")


def me(access):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client.get("/api/me/")


@pytest.mark.django_db
class TestPasswordChangeEndsSessions:
    def test_a_password_set_anywhere_kills_access_and_refresh_tokens(self):
        """Finding 6: e.g. an admin resets a stolen account's password in Django admin."""
        user = UserFactory(username="grace")
        stolen = login("grace").json()
        user.set_password(NEW_PASSWORD)
        user.save()
        assert me(stolen["access"]).status_code == 401
        assert refresh(stolen["refresh"]).status_code == 401
        assert me(login("grace", NEW_PASSWORD).json()["access"]).status_code == 200

    def test_a_reset_kills_the_access_token_at_once(self):
        user = UserFactory(username="grace")
        stolen = login("grace").json()
        user_password_set(user=user, password=NEW_PASSWORD)
        response = me(stolen["access"])
        assert response.status_code == 401
        assert "password" in response.json()["detail"]

    def test_changing_ones_own_password_keeps_only_the_new_session(self):
        UserFactory(username="grace")
        stolen = login("grace").json()
        mine = login("grace").json()
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {mine['access']}")
        changed = client.post("/api/me/password/", {"old_password": PASSWORD, "new_password": NEW_PASSWORD})
        assert changed.status_code == 200
        assert me(stolen["access"]).status_code == 401
        assert me(mine["access"]).status_code == 401
        assert me(changed.json()["access"]).status_code == 200
        assert refresh(changed.json()["refresh"]).status_code == 200


@pytest.mark.django_db
class TestRetiredDoctor:
    def test_a_retired_doctor_loses_every_kind_of_access(self):
        """Finding 5: DELETE /api/doctors/{id}/, and the doctor kept reading patients' history."""
        doctor = DoctorFactory(user__username="dr.gone")
        tokens = login("dr.gone").json()
        assert me(tokens["access"]).status_code == 200
        admin = APIClient()
        admin.force_authenticate(AdminUserFactory())
        assert admin.delete(f"/api/doctors/{doctor.pk}/").status_code == 204
        assert me(tokens["access"]).status_code == 401
        assert refresh(tokens["refresh"]).status_code == 401
        assert login("dr.gone").status_code == 401

    def test_retiring_the_doctor_profile_of_an_admin_keeps_the_admin(self):
        doctor = DoctorFactory(user__username="chief", user__is_staff=True)
        admin = APIClient()
        admin.force_authenticate(AdminUserFactory())
        assert admin.delete(f"/api/doctors/{doctor.pk}/").status_code == 204
        assert login("chief").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_parallel_refreshes_of_one_token_give_exactly_one_new_pair():
    """Finding 6: 20 parallel refreshes of one refresh token gave 3 different new pairs."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: real concurrent transactions")
    UserFactory(username="grace")
    token = login("grace").json()["refresh"]
    start = threading.Barrier(20)
    results = []

    def attempt():
        try:
            start.wait()
            response = refresh(token)
            results.append((response.status_code, response.json()))
        finally:
            connection.close()

    with throttle_rates(login="1000/min"):
        threads = [threading.Thread(target=attempt) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        statuses = sorted(status for status, _ in results)
        assert statuses == [200] + [401] * 19, statuses
        winner = next(body for status, body in results if status == 200)
        assert me(winner["access"]).status_code == 200
        assert refresh(winner["refresh"]).status_code == 200
