"""What the programme pages show and what their forms do, as a user would try them."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import Clause, ClauseStatus, Programme
from agreements.services import amendment_create, clause_drop, programme_attach_scan
from meetings.models import Directive
from parties.models import Membership
from tests.agreements.factories import district_bodies, draft, report, sign, signed
from tests.agreements.pdf import pdf_bytes, tiny_pdf
from tests.factories import (
    BodyFactory,
    DirectiveFactory,
    MeetingFactory,
    OfficialFactory,
    TopicFactory,
    user_in,
)

pytestmark = pytest.mark.django_db
R = Membership.Role


@pytest.fixture
def bodies():
    return district_bodies()


def detail(client, programme):
    return client.get(reverse("agreements:programme_detail", args=[programme.pk]))


def history(client, programme):
    """The programme page's history card, as the page asks for it (htmx) once shown."""
    return client.get(
        reverse("agreements:programme_history", args=[programme.pk]), HTTP_HX_REQUEST="true"
    )


def test_the_programme_page_shows_it_all(client, bodies):
    btg, ubnd = bodies
    programme = signed([btg, ubnd], clauses=3)
    one, two, three = programme.clauses.order_by("number")
    indicator = one.indicators.get()
    report(one, ClauseStatus.ON_TRACK, values={indicator: 3}, day=date(2024, 3, 31))
    clause_drop(clause=three, dropped_on=date(2024, 7, 1), reason="Trùng với kế hoạch của huyện.")
    amendment_create(
        programme=programme,
        date=date(2024, 8, 1),
        title="Phụ lục 01",
        text="Sửa đổi nội dung 2.",
        clause_changes=[{"replaces": two, "text": "Nội dung 2 sửa đổi", "lead_body": ubnd}],
    )
    meeting = MeetingFactory(organiser=btg, title="Giao ban quý I/2024")
    meeting.programmes.set([programme])
    DirectiveFactory(
        meeting=meeting, programme=programme, text="Đẩy nhanh tiến độ", addressed_body=ubnd
    )
    client.force_login(user_in(btg, R.LEADER))
    response = detail(client, programme)
    text = response.text
    assert programme.title in text and programme.reference in text
    assert programme.fingerprint in text
    assert "Phùng Xuân Trường" in text and "Trưởng ban Tuyên giáo" in text
    assert "Vũ Văn Nhàn" in text and "Chủ tịch UBND huyện" in text
    assert "Phòng họp số 1 UBND huyện" in text
    assert "<strong>3</strong> / 4 hội nghị" in text  # achieved against target
    assert 'data-status="overdue"' in text  # clause 1 was due on 30/06/2024
    assert "Trùng với kế hoạch của huyện." in text and 'data-status="dropped"' in text
    assert "Nội dung phối hợp số 2" in text and "Nội dung 2 sửa đổi" in text  # both kept
    assert "Phụ lục 01" in text
    assert "Giao ban quý I/2024" in text and "Đẩy nhanh tiến độ" in text
    assert 'id="history"' in text
    url = reverse("agreements:programme_history", args=[programme.pk])
    assert f'hx-get="{url}"' in text and f'href="{url}"' in text  # a link without JavaScript
    card = history(client, programme)
    assert 'id="history"' in card.text and "<html" not in card.text
    entries = card.context["history"]
    assert any("Phụ lục" in e.what or "phụ lục" in e.what.lower() for e in entries)
    # A leader reads; no action is offered.
    assert "programme-actions" in text
    for name in ("amendment_add", "programme_close", "programme_edit"):
        assert reverse(f"agreements:{name}", args=[programme.pk]) not in text


def test_the_history_says_who_changed_what(client, bodies):
    btg, ubnd = bodies
    programme = draft([btg, ubnd], clauses=1)
    official = user_in(btg, R.OFFICIAL)
    official.first_name, official.last_name = "Thủy", "Hoàng Thị Thu"
    official.save()
    client.force_login(official)
    clause = programme.clauses.get()
    response = client.post(
        reverse("agreements:clause_edit", args=[clause.pk]),
        {
            "text": "Nội dung mới hoàn toàn",
            "lead_body": btg.pk,
            "cadence": "monthly",
            "indicators-TOTAL_FORMS": "0",
            "indicators-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    response = history(client, programme)
    change = next(e for e in response.context["history"] if e.action == "~")
    assert change.user == official
    fields = {c.field: (c.old, c.new) for c in change.changes}
    assert fields["nội dung"] == ("Nội dung phối hợp số 1", "Nội dung mới hoàn toàn")
    assert "Hoàng Thị Thu Thủy" in response.text


def test_the_history_names_what_a_change_points_at(client, bodies):
    """ "lĩnh vực: Tuyên truyền", never "#10"; a field of work deleted since is said to be."""
    btg, ubnd = bodies
    propaganda = TopicFactory(code="tuyen-truyen", name="Tuyên truyền")
    passing = TopicFactory(code="tam-thoi", name="Lĩnh vực tạm thời")
    programme = draft([btg, ubnd], clauses=1)
    clause = programme.clauses.get()
    client.force_login(user_in(btg, R.OFFICIAL))
    for topic in (passing, propaganda):
        response = client.post(
            reverse("agreements:clause_edit", args=[clause.pk]),
            {
                "text": clause.text,
                "topic": topic.pk,
                "lead_body": btg.pk,
                "cadence": "quarterly",
                "indicators-TOTAL_FORMS": "0",
                "indicators-INITIAL_FORMS": "0",
            },
        )
        assert response.status_code == 302
    Clause.objects.filter(pk=clause.pk).update(topic=None)
    passing.delete()
    entries = history(client, programme).context["history"]
    changes = [(c.field, c.old, c.new) for e in entries for c in e.changes]
    assert ("lĩnh vực", "(đã xóa)", "Tuyên truyền") in changes
    assert ("lĩnh vực", "—", "(đã xóa)") in changes
    assert not any("#" in old + new for _field, old, new in changes)


def test_the_programme_page_labels_its_number_and_never_capitalises_it(client, bodies):
    btg, ubnd = bodies
    programme = draft([btg, ubnd], symbol="CTrPH/BTGHU-UBND")
    client.force_login(user_in(btg, R.OFFICIAL))
    text = detail(client, programme).text
    line = text[text.index('id="programme-number"') :].split("</div>")[0]
    assert f"· Số {programme.reference}" in line  # "Số", not the table's "TT"
    assert "CTrPH" in programme.reference
    # Only the issuer is upper-cased; the number and symbol keep their letters.
    uppercased = line.split('<span class="text-uppercase">')[1].split("</span>")[0]
    assert programme.reference not in uppercased and str(btg) in uppercased
    assert "text-uppercase" not in line.split("<span")[0]


def test_a_draft_shows_the_drafting_actions_and_a_signed_one_hides_them(client, bodies):
    btg, ubnd = bodies
    programme = draft([btg, ubnd], clauses=1)
    client.force_login(user_in(btg, R.OFFICIAL))
    clause = programme.clauses.get()
    edit_clause = reverse("agreements:clause_edit", args=[clause.pk])
    assert edit_clause in detail(client, programme).text
    sign(programme)
    text = detail(client, programme).text
    assert edit_clause not in text
    assert reverse("agreements:programme_edit", args=[programme.pk]) not in text
    assert reverse("agreements:amendment_add", args=[programme.pk]) in text
    # A direct POST is refused: the signed text is frozen.
    response = client.post(edit_clause, {"text": "x", "lead_body": btg.pk, "cadence": "monthly"})
    assert response.status_code == 403
    clause.refresh_from_db()
    assert clause.text == "Nội dung phối hợp số 1"


def test_an_official_drafts_clauses_with_indicators_and_orders_them(client, bodies):
    btg, ubnd = bodies
    programme = draft([btg, ubnd], clauses=1)
    client.force_login(user_in(btg, R.OFFICIAL))
    response = client.post(
        reverse("agreements:clause_add", args=[programme.pk]),
        {
            "text": "Tuyên truyền an toàn giao thông",
            "lead_body": ubnd.pk,
            "supporting_bodies": [btg.pk],
            "cadence": "quarterly",
            "due_date": "2024-09-30",
            "indicators-TOTAL_FORMS": "2",
            "indicators-INITIAL_FORMS": "0",
            "indicators-0-name": "Tin, bài",
            "indicators-0-unit": "tin, bài",
            "indicators-0-target": "40",
        },
    )
    assert response.status_code == 302
    new = programme.clauses.get(number=2)
    assert list(new.supporting_bodies.all()) == [btg]
    assert new.indicators.get().target == 40
    client.post(reverse("agreements:clause_move", args=[new.pk]), {"direction": "up"})
    new.refresh_from_db()
    assert new.number == 1
    client.post(reverse("agreements:clause_remove", args=[new.pk]))
    assert list(programme.clauses.values_list("number", flat=True)) == [1]


def test_the_secretariat_signs_two_drafts_at_one_ceremony(client, bodies):
    btg, ubnd = bodies
    court = BodyFactory(unit=btg.unit, name="Tòa án nhân dân huyện")
    judge = OfficialFactory(body=court, full_name="Trần Văn Án", position="Chánh án")
    witness = OfficialFactory(body=btg, full_name="Nguyễn Văn Thành", position="Chủ nhiệm UBKT")
    first = draft([btg, ubnd], number=1)
    second = draft([btg, court], number=2)
    client.force_login(user_in(btg, R.SECRETARIAT))
    page = client.get(reverse("agreements:signing_create"), {"programme": [first.pk, second.pk]})
    assert f"official_{second.pk}_{court.pk}" in page.text
    leader = btg.officials.get(full_name="Phùng Xuân Trường")
    response = client.post(
        reverse("agreements:signing_create"),
        {
            "programmes": [first.pk, second.pk],
            "date": "2024-02-01",
            "place": "Thành ủy",
            "witnesses": [witness.pk],
            f"official_{first.pk}_{btg.pk}": leader.pk,
            f"official_{first.pk}_{ubnd.pk}": ubnd.officials.first().pk,
            f"official_{second.pk}_{btg.pk}": leader.pk,
            f"position_{second.pk}_{btg.pk}": "Phó Trưởng ban phụ trách",
            f"official_{second.pk}_{court.pk}": judge.pk,
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.signing == second.signing and first.signing.place == "Thành ủy"
    assert first.signatories.get(body=btg).position == "Trưởng ban Tuyên giáo"
    assert second.signatories.get(body=btg).position == "Phó Trưởng ban phụ trách"
    assert first.signing.witnesses.get().position == "Chủ nhiệm UBKT"
    assert first.fingerprint and second.fingerprint


def test_the_signing_page_loads_signatories_for_htmx(client, bodies):
    btg, ubnd = bodies
    programme = draft([btg, ubnd])
    client.force_login(user_in(btg, R.SECRETARIAT))
    response = client.get(
        reverse("agreements:signing_create"),
        {"programmes": [programme.pk]},
        HTTP_HX_REQUEST="true",
    )
    assert response.text.strip().startswith('<div id="signatories">')
    assert f"official_{programme.pk}_{ubnd.pk}" in response.text


def test_an_amendment_through_the_form(client, bodies):
    btg, ubnd = bodies
    programme = signed([btg, ubnd])
    client.force_login(user_in(ubnd, R.SECRETARIAT))
    original = programme.clauses.get(number=2)
    response = client.post(
        reverse("agreements:amendment_add", args=[programme.pk]),
        {
            "date": "2024-05-01",
            "title": "Phụ lục 01",
            "text": "Bổ sung, sửa đổi nội dung phối hợp.",
            "clauses-TOTAL_FORMS": "2",
            "clauses-INITIAL_FORMS": "0",
            "clauses-0-replaces": original.pk,
            "clauses-0-text": "Nội dung 2, lời văn mới",
            "clauses-0-lead_body": ubnd.pk,
            "clauses-0-cadence": "quarterly",
            "clauses-1-text": "Nội dung mới",
            "clauses-1-lead_body": btg.pk,
            "clauses-1-cadence": "yearly",
        },
    )
    assert response.status_code == 302
    amendment = programme.amendments.get()
    assert amendment.clauses.count() == 2
    original.refresh_from_db()
    assert original.text == "Nội dung phối hợp số 2"


def test_the_scan_is_downloaded_only_through_its_view(client, bodies):
    btg, ubnd = bodies
    programme = signed([btg, ubnd])
    client.force_login(user_in(btg, R.OFFICIAL))
    response = client.post(
        reverse("agreements:programme_scan_upload", args=[programme.pk]),
        {"scanned_copy": tiny_pdf("anything.PDF")},
    )
    assert response.status_code == 302
    download = client.get(reverse("agreements:programme_scan_download", args=[programme.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == pdf_bytes()


def test_a_programme_without_a_scan_has_nothing_to_download(client, bodies):
    programme = signed(list(bodies))
    client.force_login(user_in(bodies[0]))
    url = reverse("agreements:programme_scan_download", args=[programme.pk])
    assert client.get(url).status_code == 404
    programme_attach_scan(programme=programme, upload=tiny_pdf())
    assert client.get(url).status_code == 200


def test_htmx_progress_report_from_my_work(client, bodies):
    btg, ubnd = bodies
    programme = signed([btg, ubnd])
    clause = programme.clauses.get(number=1)
    client.force_login(user_in(btg, R.OFFICIAL))
    url = reverse("agreements:progress_add", args=[clause.pk])
    form = client.get(url, {"next": "/my-work/"}, HTTP_HX_REQUEST="true")
    assert form.text.strip().startswith("<form") and "<html" not in form.text
    bad = client.post(
        url, {"reported_on": "", "status": "done", "next": "/my-work/"}, HTTP_HX_REQUEST="true"
    )
    assert bad.status_code == 200 and "is-invalid" in bad.text
    good = client.post(
        url,
        {
            "reported_on": "2024-04-01",
            "reporting_body": btg.pk,
            "status": "done",
            "note": "Xong",
            "next": "/my-work/",
        },
        HTTP_HX_REQUEST="true",
    )
    assert good.status_code == 204 and good["HX-Redirect"] == "/my-work/"
    assert clause.progress_reports.get().status == "done"


def test_progress_refuses_an_outside_next_url(client, bodies):
    programme = signed(list(bodies))
    clause = programme.clauses.get(number=1)
    client.force_login(user_in(bodies[0], R.OFFICIAL))
    response = client.post(
        reverse("agreements:progress_add", args=[clause.pk]),
        {
            "reported_on": "2024-04-01",
            "reporting_body": bodies[0].pk,
            "status": "on_track",
            "next": "https://example.com/",
        },
    )
    assert response.url == reverse("agreements:clause_detail", args=[clause.pk])


def test_my_work_lists_overdue_first_and_open_directives(client, bodies):
    btg, ubnd = bodies
    later = signed(
        [btg, ubnd],
        number=1,
        clauses=1,
        period_start=date(2024, 1, 1),
        period_end=date(2099, 12, 31),
    )
    overdue = signed([btg, ubnd], number=2, clauses=1)  # due 30/06/2024
    done = signed([btg, ubnd], number=3, clauses=1)
    report(done.clauses.get(), ClauseStatus.DONE)
    meeting = MeetingFactory(organiser=btg)
    meeting.programmes.set([overdue])
    DirectiveFactory(
        meeting=meeting, addressed_body=btg, text="Việc có hạn sau", deadline=date(2099, 1, 1)
    )
    DirectiveFactory(
        meeting=meeting, addressed_body=btg, text="Việc đã quá hạn", deadline=date(2024, 5, 1)
    )
    DirectiveFactory(
        meeting=meeting,
        addressed_body=btg,
        text="Việc đã xong",
        status=Directive.Status.DONE,
        completed_on=date(2024, 5, 1),
    )
    DirectiveFactory(meeting=meeting, addressed_body=ubnd, text="Việc của cơ quan khác")
    client.force_login(user_in(btg, R.OFFICIAL))
    response = client.get(reverse("agreements:my_work"))
    rows = [c.programme_id for c in response.context["page"].object_list]
    assert rows == [overdue.pk, later.pk, done.pk]
    assert [d.text for d in response.context["directives"]] == [
        "Việc đã quá hạn",
        "Việc có hạn sau",
    ]
    assert "Việc của cơ quan khác" not in response.text
    assert 'id="progress-modal"' in response.text and "hx-get" in response.text


def test_the_clause_list_filters_by_status_body_and_programme(client, bodies):
    btg, ubnd = bodies
    helper = BodyFactory(unit=btg.unit, parent=ubnd, name="Phòng Văn hóa và Thông tin")
    first = signed([btg, ubnd], number=1, clauses=2)
    second = signed([btg, ubnd], number=2, clauses=1)
    report(second.clauses.get(), ClauseStatus.DONE)
    clause = first.clauses.get(number=2)
    clause.supporting_bodies.add(helper)
    client.force_login(user_in(btg, R.LEADER))
    url = reverse("agreements:clause_list")

    def listed(**params):
        page = client.get(url, params).context["page"]
        return [c.pk for c in page.object_list]

    assert listed(status="done") == [second.clauses.get().pk]
    assert set(listed(status="overdue")) == set(first.clauses.values_list("pk", flat=True))
    assert listed(body=helper.pk) == [clause.pk]
    assert listed(programme=second.pk) == [second.clauses.get().pk]
    assert listed()[-1] == second.clauses.get().pk  # done comes after overdue
    assert listed(status="nonsense") == listed()  # a bad filter value is ignored


def test_the_clause_lists_in_force_filter_is_kept_hidden_not_offered_as_a_select(client, bodies):
    """The dashboard's link (?in_force=1) narrows the list; the form carries it on as a
    hidden field, never as an empty select labelled in English."""
    btg, ubnd = bodies
    signed([btg, ubnd], number=1, clauses=1)
    client.force_login(user_in(btg, R.LEADER))
    page = client.get(reverse("agreements:clause_list"), {"in_force": "1"}).text
    assert '<input type="hidden" name="in_force" value="1"' in page
    assert '<select name="in_force"' not in page
    assert "In force" not in page


def test_a_signed_programme_past_its_period_is_not_called_in_force(client, bodies):
    """Until its final review closes it, a programme whose period is over says so, on its
    page and in the list, as the dashboard leaves it out of the programmes in force."""
    btg, ubnd = bodies
    today = timezone.localdate()
    over = signed(
        [btg, ubnd],
        number=1,
        clauses=1,
        period_start=date(2017, 1, 1),
        period_end=date(2017, 12, 31),
    )
    current = signed(
        [btg, ubnd],
        number=2,
        clauses=1,
        period_start=today - timedelta(days=30),
        period_end=today + timedelta(days=365),
    )
    client.force_login(user_in(btg, R.LEADER))
    assert "Đã ký, hết thời hạn, chưa tổng kết" in detail(client, over).text
    assert "Đã ký, đang hiệu lực" not in detail(client, over).text
    assert "Đã ký, đang hiệu lực" in detail(client, current).text
    listing = client.get(reverse("agreements:programme_list")).text
    assert listing.count("Đã ký, hết thời hạn, chưa tổng kết</span>") == 1
    assert listing.count("Đã ký, đang hiệu lực</span>") == 1  # the status filter aside


def test_replaced_clauses_are_not_listed_twice(client, bodies):
    btg, ubnd = bodies
    programme = signed([btg, ubnd], clauses=1)
    original = programme.clauses.get()
    amendment_create(
        programme=programme,
        date=date(2024, 5, 1),
        title="Phụ lục",
        text="Sửa",
        clause_changes=[{"replaces": original, "text": "Lời văn mới", "lead_body": btg}],
    )
    client.force_login(user_in(btg, R.OFFICIAL))
    listed = client.get(reverse("agreements:clause_list")).context["page"].object_list
    assert [c.text for c in listed] == ["Lời văn mới"]
    assert client.get(reverse("agreements:progress_add", args=[original.pk])).status_code == 403


def test_the_pages_speak_english_too(client, bodies):
    programme = signed(list(bodies))
    client.force_login(user_in(bodies[0], R.OFFICIAL))
    english = client.get(
        reverse("agreements:programme_detail", args=[programme.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Parties and signatories" in english.text and "Fingerprint" in english.text
    vietnamese = client.get(reverse("agreements:programme_detail", args=[programme.pk]))
    assert "Các bên và người ký" in vietnamese.text


def test_the_list_filters(client, bodies):
    btg, ubnd = bodies
    front = BodyFactory(unit=btg.unit, name="Ủy ban MTTQ huyện")
    OfficialFactory(body=front)
    a = draft([btg, ubnd], number=1, title="Chương trình A")
    b = signed(
        [btg, front],
        number=2,
        title="Chương trình B",
        year=2023,
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
    )
    client.force_login(user_in(btg))
    url = reverse("agreements:programme_list")

    def listed(**params):
        return [p.pk for p in client.get(url, params).context["page"].object_list]

    assert listed(status="draft") == [a.pk]
    assert listed(year=2023) == [b.pk]
    assert listed(body=front.pk) == [b.pk]
    assert listed(unit=btg.unit.parent_id) == [a.pk, b.pk]
    assert listed(sort="title") == [a.pk, b.pk]
    assert listed(sort="oldest") == [b.pk, a.pk]
    assert Programme.objects.count() == 2 and Clause.objects.exists()


def test_an_official_edits_the_draft_and_its_parties(client, bodies):
    btg, ubnd = bodies
    front = BodyFactory(unit=btg.unit, name="Ủy ban MTTQ huyện")
    programme = draft([btg, ubnd], clauses=1)  # clause 1 is led by btg
    client.force_login(user_in(btg, R.OFFICIAL))
    url = reverse("agreements:programme_edit", args=[programme.pk])
    page = client.get(url)
    assert page.context["form"]["title"].value() == programme.title
    data = {
        "number": "1",
        "symbol": "CTrPH/BTGHU-MTTQ",
        "year": "2024",
        "issuer": btg.pk,
        "title": "Tên đã sửa",
        "parties": [btg.pk, front.pk],
        "lead": front.pk,
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
    }
    assert client.post(url, data).status_code == 302
    programme.refresh_from_db()
    assert programme.title == "Tên đã sửa"
    assert set(programme.parties.all()) == {btg, front}
    assert programme.memberships.get(is_lead=True).body == front
    # A party that leads a clause cannot be removed.
    data["parties"] = [ubnd.pk, front.pk]
    data["issuer"] = front.pk
    client.force_login(user_in(front, R.OFFICIAL))
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors["parties"]


def test_the_history_records_parties_and_indicators(client, bodies):
    btg, ubnd = bodies
    front = BodyFactory(unit=btg.unit, name="Ủy ban MTTQ huyện")
    programme = draft([btg, ubnd], clauses=1)
    client.force_login(user_in(btg, R.OFFICIAL))
    client.post(
        reverse("agreements:programme_edit", args=[programme.pk]),
        {
            "number": "1",
            "symbol": programme.symbol,
            "year": "2024",
            "issuer": btg.pk,
            "title": programme.title,
            "parties": [btg.pk, front.pk],
            "lead": btg.pk,
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
        },
    )
    clause = programme.clauses.get()
    client.post(
        reverse("agreements:clause_edit", args=[clause.pk]),
        {
            "text": clause.text,
            "lead_body": btg.pk,
            "cadence": "quarterly",
            "indicators-TOTAL_FORMS": "1",
            "indicators-INITIAL_FORMS": "0",
            "indicators-0-name": "Hội nghị chuyên đề",
            "indicators-0-unit": "hội nghị",
            "indicators-0-target": "6",
        },
    )
    entries = (
        client.get(reverse("agreements:programme_history", args=[programme.pk]))
        .context["page"]
        .object_list
    )
    described = [(e.action, e.what) for e in entries]
    assert ("-", f"Bên tham gia {ubnd}") in described or any(
        a == "-" and ubnd.name in w for a, w in described
    )
    assert any(a == "+" and front.name in w for a, w in described)
    targets = [c for e in entries if e.action == "+" for c in e.changes if c.new == "6"]
    assert targets, described


XSS = '<script>document.title="xss"</script>'  # an indicator's unit holds 50 characters


def test_an_indicators_unit_is_printed_as_text_in_the_progress_form(client, bodies):
    """Stored XSS (10.2): the unit a drafter typed reaches the form's help text, which
    crispy-forms prints as HTML — in the page and in the htmx modal of my work."""
    btg, ubnd = bodies
    programme = signed([btg, ubnd])
    clause = programme.clauses.get(number=1)
    indicator = clause.indicators.get()
    indicator.unit, indicator.name = XSS, XSS + "<img src=x onerror=alert(1)>"
    indicator.save()
    client.force_login(user_in(btg, R.OFFICIAL))
    url = reverse("agreements:progress_add", args=[clause.pk])
    for response in (client.get(url), client.get(url, HTTP_HX_REQUEST="true")):
        assert response.status_code == 200
        assert "<script>" not in response.text and "<img src=x" not in response.text
        assert "&lt;script&gt;document.title=" in response.text


def test_in_force_in_sql_and_period_over_on_the_page_part_programmes_alike(bodies):
    """The querysets count as in force exactly the signed programmes the page does not
    badge as over: the day the period ends still counts, the day after no longer."""
    btg, ubnd = bodies
    day = date(2024, 12, 31)
    ends = (date(2024, 12, 30), day, date(2025, 1, 1))
    programmes = [
        signed([btg, ubnd], number=n, clauses=1, period_end=end) for n, end in enumerate(ends)
    ]
    programmes.append(draft([btg, ubnd], number=9, clauses=1, period_end=day))
    in_force = set(Programme.objects.filter(Programme.in_force_q(day)))
    assert in_force == set(programmes[1:3])
    assert in_force == {
        p
        for p in programmes
        if p.status == Programme.Status.SIGNED and not p.period_over_unclosed(day)
    }
    reached = Clause.objects.filter(Programme.in_force_q(day, "programme__"))
    assert {c.programme for c in reached} == in_force
