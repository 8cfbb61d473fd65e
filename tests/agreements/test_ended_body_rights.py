"""A body that a reorganisation ended and that handed its programmes over is still
recorded as a party, but its successor acts for it from the act on: its officials and
secretariat no longer amend or close a programme they handed over, are told to whom
and since when it went, and see no button for it."""

from datetime import date

import pytest
from django.urls import reverse

from agreements.rules import (
    can_amend_programme,
    can_attach_scan,
    can_close_programme,
    can_drop_clause,
    can_report_progress,
)
from agreements.services import programme_hand_over
from parties.models import Membership
from tests.agreements.factories import district_bodies, signed
from tests.factories import merged_into_commune, user_in

pytestmark = pytest.mark.django_db
JULY = date(2025, 7, 1)
HANDED = "đã được bàn giao cho Đảng ủy xã Đại Thanh từ ngày 01/07/2025"


@pytest.fixture
def handed_over():
    """A 2024–2026 programme of a district's Ban Tuyên giáo and UBND; the Ban Tuyên
    giáo ends on 30/6/2025, a commune's Đảng ủy succeeds it and takes the programme."""
    old, partner = district_bodies()
    programme = signed([old, partner], period_start=date(2024, 1, 1), period_end=date(2026, 12, 31))
    act, successor = merged_into_commune(old, effective_on=JULY)
    programme_hand_over(programme=programme, reorganisation=act, from_body=old, to_body=successor)
    return programme, old, partner, successor


def test_the_ended_body_no_longer_amends_or_closes_what_it_handed_over(handed_over):
    programme, old, partner, successor = handed_over
    official = user_in(old, Membership.Role.OFFICIAL)
    secretariat = user_in(old, Membership.Role.SECRETARIAT)
    # The day before the act the body still exists and still does both.
    assert can_amend_programme(official, programme, today=date(2025, 6, 30))
    assert can_close_programme(secretariat, programme, today=date(2025, 6, 30))
    for decision in (
        can_amend_programme(official, programme, today=JULY),
        can_amend_programme(secretariat, programme, today=JULY),
        can_close_programme(secretariat, programme, today=JULY),
    ):
        assert not decision
        assert HANDED in str(decision.reason)
        assert "Đảng ủy xã Đại Thanh" in str(decision.reason).split(HANDED)[1]
    # Its successor, and the other party, go on.
    for body in (successor, partner):
        assert can_amend_programme(user_in(body, Membership.Role.OFFICIAL), programme, today=JULY)
        assert can_close_programme(
            user_in(body, Membership.Role.SECRETARIAT), programme, today=JULY
        )


def test_its_programme_page_offers_no_amendment_or_closing_and_both_are_refused(
    client, handed_over
):
    """The pages read today's date: any day since 1/7/2025 is after the act."""
    programme, old, _partner, _successor = handed_over
    client.force_login(user_in(old, Membership.Role.SECRETARIAT))
    page = client.get(reverse("agreements:programme_detail", args=[programme.pk]))
    assert page.status_code == 200
    for name in ("agreements:amendment_add", "agreements:programme_close"):
        url = reverse(name, args=[programme.pk])
        assert f'href="{url}"' not in page.content.decode()
        refused = client.get(url)
        assert refused.status_code == 403
        text = refused.content.decode()
        assert HANDED in text
        assert reverse("agreements:programme_detail", args=[programme.pk]) in text


def test_the_successor_sees_both_buttons(client, handed_over):
    programme, _old, _partner, successor = handed_over
    client.force_login(user_in(successor, Membership.Role.SECRETARIAT))
    page = client.get(reverse("agreements:programme_detail", args=[programme.pk])).content
    for name in ("agreements:amendment_add", "agreements:programme_close"):
        assert f'href="{reverse(name, args=[programme.pk])}"' in page.decode()


WORK_HANDED = "Chương trình này đã được bàn giao cho Đảng ủy xã Đại Thanh từ ngày 01/07/2025, khi "


def test_its_officials_no_longer_report_drop_or_attach_on_what_it_handed_over(handed_over):
    """The successor reports, drops and records in its place: the ended body's own
    officials are told so, whatever clause of the programme it led."""
    programme, old, partner, successor = handed_over
    clause = programme.clauses.filter(lead_body=old).first()
    official = user_in(old, Membership.Role.OFFICIAL)
    for decision in (
        can_report_progress(official, clause),
        can_drop_clause(official, clause),
        can_attach_scan(official, programme),
        can_drop_clause(user_in(old, Membership.Role.SECRETARIAT), clause),
    ):
        assert not decision
        assert str(decision.reason).startswith(WORK_HANDED)
        assert "Đảng ủy xã Đại Thanh" in str(decision.reason).split(WORK_HANDED)[1]
    # The successor acts for the clause's lead; the other party keeps its own rights.
    acting = user_in(successor, Membership.Role.OFFICIAL)
    assert can_report_progress(acting, clause)
    assert can_drop_clause(acting, clause)
    assert can_attach_scan(acting, programme)
    assert can_attach_scan(user_in(partner, Membership.Role.OFFICIAL), programme)


def test_its_official_sees_no_report_button_and_a_report_is_refused(client, handed_over):
    programme, old, _partner, _successor = handed_over
    clause = programme.clauses.filter(lead_body=old).first()
    client.force_login(user_in(old, Membership.Role.OFFICIAL))
    url = reverse("agreements:progress_add", args=[clause.pk])
    page = client.get(reverse("agreements:programme_detail", args=[programme.pk])).text
    assert f'href="{url}"' not in page
    assert f'href="{reverse("agreements:clause_drop", args=[clause.pk])}"' not in page
    refused = client.post(url, {"status": "on_track", "reported_on": "01/10/2025"})
    assert refused.status_code == 403
    assert WORK_HANDED in refused.text
    assert clause.progress_reports.count() == 0


def test_a_page_asks_the_ended_bodys_handovers_once(handed_over, django_assert_num_queries):
    """The programme page asks each clause: the handovers are read once per body."""
    programme, old, _partner, _successor = handed_over
    official = user_in(old, Membership.Role.OFFICIAL)
    clauses = list(programme.clauses.select_related("programme", "replaced_by"))
    assert len(clauses) > 1
    can_report_progress(official, clauses[0])
    with django_assert_num_queries(0):
        for clause in clauses:
            assert not can_drop_clause(official, clause)


def test_its_my_work_says_who_carries_the_programmes_on(client, handed_over):
    programme, old, partner, successor = handed_over
    client.force_login(user_in(old, Membership.Role.OFFICIAL))
    page = client.get(reverse("agreements:my_work")).text
    assert "Từ ngày 01/07/2025, khi " + old.name + " kết thúc hoạt động" in page
    notice = page.split("kết thúc hoạt động", 1)[1].split("</ul>", 1)[0]
    assert programme.citation in notice and successor.name in notice
    client.force_login(user_in(partner, Membership.Role.OFFICIAL))
    assert "kết thúc hoạt động" not in client.get(reverse("agreements:my_work")).text
