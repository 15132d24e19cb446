import factory
from factory.django import DjangoModelFactory

from notifications.models import Kind, Notification, NotificationPreference
from tests.factories import UserFactory


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = Kind.NEEDS
    subject = factory.Sequence(lambda n: f"Neuer Bedarf Nr. {n} im Quartier")
    body = "Im Quartier Marten wurde ein Bedarf gemeldet."
    url = "/quartiere/dortmund-marten/"


class NotificationPreferenceFactory(DjangoModelFactory):
    class Meta:
        model = NotificationPreference

    user = factory.SubFactory(UserFactory)
    kind = Kind.NEEDS
