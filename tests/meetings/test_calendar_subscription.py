"""The address a calendar app subscribes to (meetings/subscriptions.py): it needs no
session, holds what the signed-in feed holds for its user (filters included), and stops
working when renewed, when its account is deactivated, or when it was not signed here."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.urls import reverse

from meetings.subscriptions import SALT, subscriber, subscription_token
from tests.meetings import test_calendar_feed as feed
from tests.meetings.test_calendar_feed import download, uids, uids_of

pytestmark = pytest.mark.django_db
# The feed tests' world: a district body and its partner, a commune below, a stranger.
world = feed.world
CALENDAR = reverse("meetings:calendar")
RENEW = reverse("meetings:calendar_subscription_renew")


def address_on(page):
    """The subscription address the calendar page gives, as a path with its query."""
    value = re.search(r'id="subscription-address" type="text" readonly value="([^"]+)"', page)
    parts = urlsplit(unescape(value.group(1)))
    assert parts.scheme == "http" and parts.netloc == "testserver"  # a whole address
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def poll(client, address):
    """What a calendar app gets: no session."""
    client.logout()
    response = client.get(address)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content


def test_the_address_gives_without_signing_in_what_the_feed_gives_its_user(client, world):
    client.force_login(world.user)
    signed_in = download(client)
    address = address_on(client.get(CALENDAR).text)
    response, content = poll(client, address)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert content == signed_in
    assert uids(content) == uids_of(world.organised, world.partners, world.joint)
    # A calendar app's repeated poll is answered 304 by the entity tag.
    again = client.get(address, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_calendars_filters_pass_through_to_the_address(client, world):
    client.force_login(world.user)
    page = client.get(CALENDAR + f"?body={world.commune_body.pk}").text
    address = address_on(page)
    assert f"body={world.commune_body.pk}" in address
    _response, content = poll(client, address)
    assert uids(content) == uids_of(world.below_meeting)


def test_a_body_the_user_may_not_see_is_not_given_through_the_address(client, world):
    """The token's user's rights decide, as for the signed-in feed: the filter to a body
    they may not see is not taken, and the feed holds their own body's meetings."""
    token = subscription_token(world.user)
    address = reverse("meetings:calendar_subscription", args=[token])
    _response, content = poll(client, f"{address}?body={world.stranger.pk}")
    assert uids(content) == uids_of(world.organised, world.partners, world.joint)
    _response, everything = poll(client, f"{address}?scope=all")
    assert str(world.secret_meeting.uid) not in {*uids(everything)}


def test_a_new_address_puts_the_old_one_out_of_use(client, world):
    client.force_login(world.user)
    old = address_on(client.get(CALENDAR).text)
    assert client.get(RENEW).status_code == 405  # a change is asked by a form, never a link
    response = client.post(RENEW, {"next": CALENDAR + "?quarter=2024-2"})
    assert response.status_code == 302 and response.url == CALENDAR + "?quarter=2024-2"
    page = client.get(CALENDAR).text
    assert "Lịch của anh/chị đã có địa chỉ đăng ký mới" in page
    new = address_on(page)
    assert new != old
    assert address_on(client.get(CALENDAR).text) == new  # the same until renewed again
    refused, _content = poll(client, old)
    assert refused.status_code == 404
    assert "Địa chỉ lịch không còn dùng được" in refused.text
    assert reverse("meetings:calendar") in refused.text  # the way forward
    fine, content = poll(client, new)
    assert fine.status_code == 200 and uids(content)


def test_a_deactivated_account_has_no_feed(client, world):
    token = subscription_token(world.user)
    world.user.is_active = False
    world.user.save()
    assert subscriber(token) is None
    response, _content = poll(client, reverse("meetings:calendar_subscription", args=[token]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "forge",
    [
        lambda user: "not-a-token",
        lambda user: subscription_token(user)[:-2],  # cut
        lambda user: signing.Signer().sign_object([user.pk, 0]),  # signed for something else
        lambda user: signing.Signer(key="another site's key", salt=SALT).sign_object([user.pk, 0]),
        lambda user: signing.Signer(salt=SALT).sign_object([str(user.pk), "0"]),  # not numbers
        lambda user: signing.Signer(salt=SALT).sign_object({"user": user.pk}),
        lambda user: signing.Signer(salt=SALT).sign_object([user.pk, 1]),  # a version never given
    ],
)
def test_an_address_not_signed_here_for_a_user_names_nobody(client, world, forge):
    token = forge(world.user)
    assert subscriber(token) is None
    response, _content = poll(client, reverse("meetings:calendar_subscription", args=[token]))
    assert response.status_code == 404
    assert "Địa chỉ lịch không còn dùng được" in response.text


def test_a_poll_finds_its_user_and_version_in_one_query(client, world, django_assert_num_queries):
    """Polled every few hours by every subscriber: the user and the address's version are
    read together, before and after a renewal."""
    token = subscription_token(world.user)
    with django_assert_num_queries(1):
        assert subscriber(token) == world.user
    client.force_login(world.user)
    client.post(RENEW)
    renewed = subscription_token(world.user)
    with django_assert_num_queries(1):
        assert subscriber(token) is None
    with django_assert_num_queries(1):
        assert subscriber(renewed) == world.user
