"""Bodies already recorded get a full name, and programmes the search text that
knows abbreviations, when the migrations run on existing data."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from agreements.models import Programme
from parties.models import Body

BEFORE = [("parties", "0001_initial"), ("agreements", "0004_party_and_indicator_history")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.mark.django_db(transaction=True)
def test_existing_bodies_and_programmes_are_brought_up_to_date():
    old = migrate(BEFORE)
    try:
        Unit = old.get_model("parties", "AdministrativeUnit")
        OldBody = old.get_model("parties", "Body")
        OldProgramme = old.get_model("agreements", "Programme")
        Party = old.get_model("agreements", "ProgrammeParty")
        city = Unit.objects.create(name="Hà Nội", category="thanh_pho_tw", level=1)
        district = Unit.objects.create(name="Thanh Trì", category="huyen", level=2, parent=city)
        ubnd = OldBody.objects.create(
            unit=district, code="UBND", kind="peoples_committee", name="UBND huyện Thanh Trì"
        )
        front = OldBody.objects.create(
            unit=district, code="MTTQ", kind="fatherland_front", name="Ủy ban MTTQ Việt Nam huyện"
        )
        OldBody.objects.create(
            unit=city, code="BTGTU", kind="party_organ", name="Ban Tuyên giáo TU"
        )
        programme = OldProgramme.objects.create(
            number=1,
            symbol="CTrPH",
            year=2017,
            issuer=ubnd,
            title="Chương trình phối hợp năm 2017",
            period_start=date(2017, 1, 1),
            period_end=date(2017, 12, 31),
        )
        for body in (ubnd, front):
            Party.objects.create(programme=programme, body=body)
    finally:
        migrate(None)

    full_names = dict(Body.objects.values_list("code", "full_name"))
    assert full_names == {
        "UBND": "Ủy ban nhân dân huyện Thanh Trì",
        "MTTQ": "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
        "BTGTU": "Ban Tuyên giáo TU",  # Tỉnh ủy or Thành ủy: left for a person to say
    }
    search_text = Programme.objects.get().search_text
    assert "uy ban nhan dan huyen thanh tri" in search_text
    assert "mat tran to quoc" in search_text and "ubnd huyen thanh tri" in search_text


@pytest.mark.django_db
def test_the_refresh_command_folds_the_search_text_again():
    from tests.agreements.factories import district_bodies, draft

    btg, ubnd = district_bodies()
    programme = draft([btg, ubnd], symbol="CTrPH")
    Programme.objects.filter(pk=programme.pk).update(search_text="")
    Body.objects.filter(pk=ubnd.pk).update(full_name="Ủy ban nhân dân huyện Đổi Tên")
    out = io.StringIO()
    call_command("refresh_search_text", stdout=out)
    assert "1 chương trình" in out.getvalue()
    assert "uy ban nhan dan huyen doi ten" in Programme.objects.get().search_text
