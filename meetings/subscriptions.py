"""A calendar app's own address for a user's feed (meetings/feed.py).

Google Calendar or Outlook polls a subscribed calendar every few hours without signing
in, so the address names the user by a signed token rather than a session: the user's
id and the version of their subscription, signed with the site's secret key under a
salt of its own, without a timestamp, so that the address stays the same until it is
renewed. Renewing it (after it was shared by mistake) raises the version, and every
earlier address stops working; so does a deactivated account. What the feed holds is
asked of the user's rights at each poll, never kept in the token.
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from meetings.models import CalendarSubscription

SALT = "meetings.calendar-subscription"


def subscription_version(user):
    row = CalendarSubscription.objects.filter(user=user).values_list("version", flat=True)
    return row.first() or 0


def subscription_token(user):
    """The token of the user's current subscription address."""
    return signing.Signer(salt=SALT).sign_object([user.pk, subscription_version(user)])


def subscriber(token):
    """The active user whose current address holds this token; None for a token that was
    never signed here, is malformed, or was put out of use by a renewal."""
    try:
        user_pk, version = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_pk, int) or not isinstance(version, int):
        return None
    # The version read with the user (one query per poll): no row means version 0.
    user = (
        get_user_model()
        .objects.filter(pk=user_pk, is_active=True)
        .annotate(current_version=Coalesce("calendar_subscription__version", 0))
        .first()
    )
    if user is None or user.current_version != version:
        return None
    return user


def renew_subscription(user):
    """A new address for the user's calendar; the earlier ones stop working."""
    with transaction.atomic():
        row, created = CalendarSubscription.objects.select_for_update().get_or_create(user=user)
        row.version = F("version") + 1
        row.renewed_at = timezone.now()
        row.save(update_fields=["version", "renewed_at"])
