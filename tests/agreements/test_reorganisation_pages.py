"""Recording a reorganisation on its page (/org/reorganisations/new/): a body or a unit
renamed by the act, with its errors at the field they concern; only an administrator
records one, and only for the bodies and units they administer."""

from datetime import date

import pytest
from django.urls import reverse

from parties.models import AdministrativeUnit, Body, Membership, Reorganisation, Succession
from tests.agreements.factories import district_bodies
from tests.factories import BodyFactory, CommuneFactory, DistrictFactory, user_in

pytestmark = pytest.mark.django_db
R = Membership.Role
URL = reverse("agreements:reorganisation_create")


def management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }


def act(**rows):
    """The form's data: the act itself, then `rows` as {"prefix": [row dict, …]}."""
    data = {
        "legal_basis": "Quyết định số 12/QĐ-TU ngày 20/6/2025",
        "decided_on": "20/06/2025",
        "effective_on": "01/07/2025",
        "note": "",
    }
    for prefix in ("bodies", "units", "renames", "unit_renames"):
        given = rows.get(prefix, [])
        data.update(management(prefix, max(len(given), 1)))
        for index, row in enumerate(given):
            data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


@pytest.fixture
def district():
    btg, ubnd = district_bodies()
    return btg, ubnd, user_in(ubnd, R.ADMINISTRATOR)


def test_a_body_is_renamed_by_the_act(client, district):
    btg, _ubnd, administrator = district
    old_name, old_full = btg.name, btg.full_name
    client.force_login(administrator)
    response = client.post(
        URL,
        act(
            renames=[
                {
                    "body": btg.pk,
                    "name": "Ban Tuyên giáo và Dân vận Huyện ủy",
                    "full_name": "Ban Tuyên giáo và Dân vận Huyện ủy Thanh Trì",
                }
            ]
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    btg.refresh_from_db()
    assert btg.name == "Ban Tuyên giáo và Dân vận Huyện ủy"
    assert btg.name_on(date(2025, 6, 30)) == old_name
    assert btg.full_name_on(date(2025, 6, 30)) == old_full
    assert btg.full_name_on(date(2025, 7, 1)) == "Ban Tuyên giáo và Dân vận Huyện ủy Thanh Trì"
    assert btg.ended_on is None  # renamed, not ended
    [row] = Reorganisation.objects.get().successions.all()
    assert (row.kind, row.predecessor_body, row.successor_body) == ("renamed", btg, btg)
    # The act's page names it as it was, then as it is.
    page = client.get(response["Location"]).text
    renamed = '<span class="text-body-secondary">— đổi tên →</span>'
    assert f"{old_name} {renamed} Ban Tuyên giáo và Dân vận Huyện ủy" in page


def test_a_unit_is_renamed_by_the_act(client, district):
    btg, _ubnd, administrator = district
    township = CommuneFactory(parent=btg.unit, name="Văn Điển", category="thi_tran")
    client.force_login(administrator)
    response = client.post(
        URL, act(unit_renames=[{"unit": township.pk, "name": "Đại Thanh", "category": "xa"}])
    )
    assert response.status_code == 302
    township.refresh_from_db()
    assert township.full_name == "xã Đại Thanh"
    assert township.full_name_on(date(2025, 6, 30)) == "thị trấn Văn Điển"


def test_the_page_offers_the_renames_in_vietnamese(client, district):
    _btg, _ubnd, administrator = district
    client.force_login(administrator)
    page = client.get(URL).text
    assert "Đổi tên" in page
    assert 'name="renames-0-full_name"' in page and 'name="unit_renames-0-category"' in page


def test_a_bad_rename_comes_back_at_its_field(client, district):
    btg, ubnd, administrator = district
    client.force_login(administrator)
    response = client.post(
        URL,
        act(
            renames=[
                # in capitals: a header capitalises by itself
                {"body": btg.pk, "name": "BTGDV", "full_name": "BAN TUYÊN GIÁO VÀ DÂN VẬN"},
                # the short name another body of the same unit bears
                {"body": ubnd.pk, "name": btg.name, "full_name": "Ủy ban nhân dân huyện"},
            ]
        ),
    )
    assert response.status_code == 200
    rows = response.context["rename_sets"][0]
    assert "full_name" in rows.forms[0].errors
    assert rows.forms[1].non_field_errors()  # the unit already has a body of that name
    assert 'value="BTGDV"' in response.text  # nothing typed is lost
    assert not Reorganisation.objects.exists()
    btg.refresh_from_db()
    assert btg.name != "BTGDV"


@pytest.mark.parametrize(
    "row, field",
    [
        ({"body": "BODY", "name": "", "full_name": ""}, "name"),
        ({"body": "", "name": "Ban mới", "full_name": "Ban mới"}, "body"),
        ({"body": "BODY", "name": "SAME", "full_name": "SAME_FULL"}, "name"),
    ],
)
def test_a_rename_row_half_filled_or_unchanged_is_refused_at_the_field(
    client, district, row, field
):
    btg, _ubnd, administrator = district
    values = {"BODY": str(btg.pk), "SAME": btg.name, "SAME_FULL": btg.full_name}
    row = {key: values.get(value, value) for key, value in row.items()}
    client.force_login(administrator)
    response = client.post(URL, act(renames=[row]))
    assert response.status_code == 200
    assert field in response.context["rename_sets"][0].forms[0].errors
    assert not Reorganisation.objects.exists()


def test_a_body_is_renamed_once_in_an_act(client, district):
    btg, _ubnd, administrator = district
    client.force_login(administrator)
    rename = {"body": btg.pk, "name": "Ban A", "full_name": "Ban A Huyện ủy"}
    response = client.post(URL, act(renames=[rename, {**rename, "name": "Ban B"}]))
    assert response.status_code == 200
    assert response.context["rename_sets"][0].non_form_errors()
    assert not Reorganisation.objects.exists()


def test_a_rename_before_one_already_recorded_is_refused(client, district):
    btg, _ubnd, administrator = district
    client.force_login(administrator)
    later = act(renames=[{"body": btg.pk, "name": "Ban B", "full_name": "Ban B Huyện ủy"}])
    assert client.post(URL, later).status_code == 302
    earlier = act(renames=[{"body": btg.pk, "name": "Ban A", "full_name": "Ban A Huyện ủy"}])
    earlier.update({"decided_on": "01/01/2025", "effective_on": "01/02/2025"})
    response = client.post(URL, earlier)
    assert response.status_code == 200
    assert "thứ tự" in response.text  # "… in the order of its dates", in Vietnamese
    btg.refresh_from_db()
    assert btg.name == "Ban B"
    assert Reorganisation.objects.count() == 1


# --- who may --------------------------------------------------------------------


def test_only_an_administrator_renames(client, district):
    btg, ubnd, _administrator = district
    data = act(renames=[{"body": btg.pk, "name": "Ban X", "full_name": "Ban X Huyện ủy"}])
    for role in (R.LEADER, R.SECRETARIAT, R.OFFICIAL):
        client.force_login(user_in(ubnd, role))
        assert client.post(URL, data).status_code == 403
    btg.refresh_from_db()
    assert btg.name != "Ban X"
    assert not Reorganisation.objects.exists()


def test_an_administrator_renames_only_what_they_administer(client, district):
    btg, _ubnd, administrator = district
    above = BodyFactory(unit=btg.unit.parent)
    elsewhere_unit = DistrictFactory()
    client.force_login(administrator)
    response = client.post(
        URL,
        act(
            renames=[{"body": above.pk, "name": "Ban X", "full_name": "Ban X Thành ủy"}],
            unit_renames=[{"unit": elsewhere_unit.pk, "name": "Mới", "category": "huyen"}],
        ),
    )
    assert response.status_code == 200
    body_rows, unit_rows = response.context["rename_sets"]
    assert "body" in body_rows.forms[0].errors
    assert "unit" in unit_rows.forms[0].errors
    assert Body.objects.get(pk=above.pk).name == above.name
    assert AdministrativeUnit.objects.get(pk=elsewhere_unit.pk).name == elsewhere_unit.name
    assert not Succession.objects.exists()
