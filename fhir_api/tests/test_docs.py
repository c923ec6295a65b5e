"""Every example of docs/fhir.md runs against a live server and answers the status it promises."""

from doctors.tests.factories import DoctorFactory, SpecialtyFactory
from healthcare_system.tests.test_docs import assert_examples_run, live_settings  # noqa: F401 (a fixture)


def test_every_fhir_example_answers_the_status_it_promises(live_server, transactional_db, live_settings):  # noqa: F811
    DoctorFactory(
        user__first_name="Maria", user__last_name="Schmidt", specialty=SpecialtyFactory(name="Cardiology")
    )  # Monday to Friday, 09:00-12:00 Europe/Berlin, 30-minute slots
    assert_examples_run("fhir.md", live_server.url, at_least=7)
