from django.conf import settings


def site(request):
    """Facts every page shows: operator and contact for the footer."""
    return {
        "site_operator": settings.KUDEQUA_OPERATOR,
        "site_contact_email": settings.KUDEQUA_CONTACT_EMAIL,
    }
