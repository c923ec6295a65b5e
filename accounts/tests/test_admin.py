"""The user admin: actions and the change form go through accounts.services, like the API."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from accounts.models import Role
from accounts.tests.factories import PASSWORD, AdminUserFactory, UserFactory
from doctors.models import Doctor
from doctors.tests.factories import DoctorFactory
from patients.models import Patient

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/accounts/user/"


@pytest.fixture
def manager():
    return AdminUserFactory(username="manager")


@pytest.fixture
def browser(manager):
    client = Client()
    client.force_login(manager)
    return client


def act(browser, action, *users):
    return browser.post(CHANGELIST, {"action": action, "_selected_action": [user.pk for user in users]}, follow=True)


def notes(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def refresh_works(api, token):
    return api.post("/api/token/refresh/", {"refresh": token}, format="json").status_code == 200


def login(api, username):
    return api.post("/api/token/", {"username": username, "password": PASSWORD}, format="json").json()["refresh"]


class TestActions:
    def test_deactivate_ends_sessions_but_not_the_managers_own(self, browser, manager, api):
        grace, ada = UserFactory(username="grace"), UserFactory(username="ada")
        tokens = {name: login(api, name) for name in ("grace", "ada")}
        response = act(browser, "deactivate", grace, ada, manager)
        assert response.status_code == 200
        for user in (grace, ada, manager):
            user.refresh_from_db()
        assert (grace.is_active, ada.is_active, manager.is_active) == (False, False, True)
        assert not refresh_works(api, tokens["grace"]) and not refresh_works(api, tokens["ada"])
        assert any("Deactivated 2 user(s)" in note for note in notes(response))
        assert any("Your own account" in note for note in notes(response))

    def test_activate(self, browser):
        gone = UserFactory(is_active=False)
        act(browser, "activate", gone)
        gone.refresh_from_db()
        assert gone.is_active

    def test_make_doctor_creates_the_profile_and_make_patient_retires_it(self, browser):
        user = UserFactory()
        act(browser, "make_doctor", user)
        doctor = Doctor.objects.get(user=user)
        assert doctor.is_active
        response = act(browser, "make_patient", user)
        doctor.refresh_from_db()
        user.refresh_from_db()
        assert (user.role, doctor.is_active) == (Role.PATIENT, False)
        assert Patient.objects.filter(user=user).exists()
        assert any("1 user(s) are now patients" in note for note in notes(response))

    def test_make_admin_gives_admin_access(self, browser):
        doctor = DoctorFactory()
        act(browser, "make_admin", doctor.user)
        doctor.user.refresh_from_db()
        doctor.refresh_from_db()
        assert (doctor.user.is_staff, doctor.user.is_superuser, doctor.is_active) == (True, True, False)

    def test_manager_cannot_demote_themselves(self, browser, manager):
        act(browser, "make_patient", manager)
        manager.refresh_from_db()
        assert manager.role == Role.ADMIN and manager.is_staff


class TestChangeForm:
    def _post(self, browser, user, **changes):
        data = {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "role": user.role,
            "is_active": "on" if user.is_active else "",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
            **changes,
        }
        data = {key: value for key, value in data.items() if value != ""}
        response = browser.post(f"{CHANGELIST}{user.pk}/change/", data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        user.refresh_from_db()
        return user

    def test_changing_the_role_field_goes_through_the_service(self, browser):
        doctor = DoctorFactory()
        user = self._post(browser, doctor.user, role=Role.PATIENT)
        doctor.refresh_from_db()
        assert user.role == Role.PATIENT and not doctor.is_active
        assert Patient.objects.filter(user=user).exists()

    def test_unticking_active_revokes_the_refresh_tokens(self, browser, api):
        user = UserFactory(username="grace")
        token = login(api, "grace")
        user = self._post(browser, user, is_active="")
        assert not user.is_active
        assert not refresh_works(api, token)

    def test_adding_a_doctor_creates_the_profile(self, browser):
        response = browser.post(
            f"{CHANGELIST}add/",
            {
                "username": "dr.new",
                "email": "dr.new@example.com",
                "role": Role.DOCTOR,
                "password1": "Sturdy-Pass-2027!",
                "password2": "Sturdy-Pass-2027!",
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert Doctor.objects.get(user__username="dr.new").is_active


def test_change_list_filters_by_role_and_searches(browser):
    UserFactory(username="zed", role=Role.DOCTOR)
    UserFactory(username="qxyamy")
    response = browser.get(CHANGELIST, {"role__exact": "doctor"})
    assert [u.username for u in response.context["cl"].result_list] == ["zed"]
    response = browser.get(CHANGELIST, {"q": "qxyamy"})
    assert [u.username for u in response.context["cl"].result_list] == ["qxyamy"]


def test_staff_and_superuser_follow_the_role_and_are_not_ticked_by_hand():
    from django.test import Client

    from accounts.tests.factories import AdminUserFactory, UserFactory

    browser = Client()
    browser.force_login(AdminUserFactory())
    user = UserFactory(username="plain")
    page = browser.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()
    assert 'name="is_staff"' not in page
    assert 'name="is_superuser"' not in page
