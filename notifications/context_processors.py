from .queries import unread_count_for


def unread_notifications(request):
    """The signed-in user's unread notifications, counted in the navigation of every page."""
    user = getattr(request, "user", None)
    unread = unread_count_for(user) if user is not None and user.is_authenticated else 0
    return {"unread_notifications": unread}
