from parties.rules import membership_of


def membership(request):
    """The signed-in user's body and role, for the navigation bar."""
    return {"membership": membership_of(getattr(request, "user", None))}
