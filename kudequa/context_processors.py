from django.conf import settings


def site(request):
    """Facts every page shows: operator and contact for the footer, the user's unread notifications."""
    unread = 0
    staff_municipalities = ()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from notifications.queries import unread_count_for
        from quarters.queries import municipalities_of_staff

        unread = unread_count_for(user)
        staff_municipalities = municipalities_of_staff(user)
    return {
        "site_operator": settings.KUDEQUA_OPERATOR,
        "site_contact_email": settings.KUDEQUA_CONTACT_EMAIL,
        "unread_notifications": unread,
        "staff_municipalities": staff_municipalities,
    }
