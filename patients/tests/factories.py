import factory

from accounts.tests.factories import UserFactory
from patients.models import Patient


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient

    user = factory.SubFactory(UserFactory)
    phone = factory.Sequence(lambda n: f"+4915112{n:06d}")
    insurance_number = factory.Sequence(lambda n: f"INS{n:08d}")
