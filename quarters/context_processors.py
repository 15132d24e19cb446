from .queries import municipalities_of_staff


def staff_municipalities(request):
    """The municipalities whose staff area the signed-in user may open, linked from the navigation."""
    user = getattr(request, "user", None)
    municipalities = municipalities_of_staff(user) if user is not None and user.is_authenticated else ()
    return {"staff_municipalities": municipalities}
