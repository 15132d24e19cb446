from allauth.account.models import EmailAddress

from common.demo import DEMO_PASSWORD

from .models import User


def demo_user(demo, key, email, display_name, role_description, *, superuser=False):
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": display_name, "is_staff": superuser, "is_superuser": superuser}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    demo.users[key] = user
    demo.accounts.append((role_description, email))
    return user


def seed(demo):
    demo_user(demo, "admin", "admin@demo.kudequa.de", "Plattform-Admin", "Plattform-Administration", superuser=True)
    demo_user(demo, "resident", "bewohnerin@demo.kudequa.de", "Aylin Demir", "Bewohnerin (Marten)")
    demo_user(demo, "resident2", "bewohner@demo.kudequa.de", "Klaus Wagner", "Bewohner (Eving)")
    demo_user(
        demo, "marten_lead", "marten@demo.kudequa.de", "Quartiersinitiative Marten", "Initiative Marten (Leitung)"
    )
    demo_user(demo, "eving_lead", "eving@demo.kudequa.de", "Elterninitiative Eving", "Initiative Eving (Leitung)")
