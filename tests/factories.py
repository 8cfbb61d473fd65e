"""factory_boy factories for every model; defaults build a district with two bodies."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth import get_user_model

from agreements.models import (
    Clause,
    Indicator,
    Programme,
    ProgrammeParty,
    ProgressReport,
    Topic,
)
from meetings.models import Attendance, Directive, Meeting
from parties.abbreviations import spell_out
from parties.models import AdministrativeUnit, Body, Membership, Official, Succession
from parties.services import reorganisation_record
from reports.models import Report

VN = ZoneInfo("Asia/Ho_Chi_Minh")


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    name = factory.Sequence(lambda n: f"Tỉnh số {n}")
    category = AdministrativeUnit.Category.PROVINCE
    level = AdministrativeUnit.Level.PROVINCE
    parent = None


class DistrictFactory(ProvinceFactory):
    name = factory.Sequence(lambda n: f"Huyện số {n}")
    category = AdministrativeUnit.Category.RURAL_DISTRICT
    level = AdministrativeUnit.Level.DISTRICT
    parent = factory.SubFactory(ProvinceFactory)


class CommuneFactory(ProvinceFactory):
    name = factory.Sequence(lambda n: f"Xã số {n}")
    category = AdministrativeUnit.Category.COMMUNE
    level = AdministrativeUnit.Level.COMMUNE
    parent = factory.SubFactory(DistrictFactory)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Cơ quan số {n}")
    full_name = factory.LazyAttribute(lambda o: spell_out(o.name))
    code = factory.Sequence(lambda n: f"CQ{n}")
    kind = Body.Kind.PEOPLES_COMMITTEE
    unit = factory.SubFactory(DistrictFactory)


class PartyBodyFactory(BodyFactory):
    name = factory.Sequence(lambda n: f"Ban Tuyên giáo số {n}")
    code = factory.Sequence(lambda n: f"BTG{n}")
    kind = Body.Kind.PARTY_ORGAN


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    body = factory.SubFactory(BodyFactory)
    position = "Chuyên viên"
    email = factory.Sequence(lambda n: f"canbo{n}@example.vn")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-1")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    body = factory.SubFactory(BodyFactory)
    role = Membership.Role.OFFICIAL


def merged_into_commune(body, effective_on=date(2025, 7, 1)):
    """`body` ends the day before `effective_on`, merged by the act into a new commune's
    Đảng ủy (xã Đại Thanh, beside its district): returns the act and the successor."""
    commune = CommuneFactory(parent=body.unit.parent, name="Đại Thanh", category="xa")
    successor = BodyFactory(unit=commune, name="Đảng ủy xã Đại Thanh", code="ĐU")
    act = reorganisation_record(
        legal_basis="Nghị quyết số 1656/NQ-UBTVQH15",
        decided_on=date(2025, 6, 16),
        effective_on=effective_on,
        successions=[(Succession.Kind.MERGED, body, successor)],
    )
    return act, successor


def user_in(body, role=Membership.Role.OFFICIAL, **kwargs):
    """A user who works for `body` with `role`."""
    return MembershipFactory(body=body, role=role, **kwargs).user


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A draft programme between two bodies of one district; pass parties=[…] to choose."""

    class Meta:
        model = Programme
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: n + 1)
    symbol = "CTrPH/BTG-UBND"
    year = 2024
    issuer = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Chương trình phối hợp số {n}")
    period_start = date(2024, 1, 1)
    period_end = date(2024, 12, 31)

    @factory.post_generation
    def parties(obj, create, extracted, **kwargs):
        if not create:
            return
        bodies = list(extracted) if extracted else [obj.issuer, BodyFactory(unit=obj.issuer.unit)]
        for index, body in enumerate(bodies):
            ProgrammeParty.objects.create(programme=obj, body=body, is_lead=index == 0)


class ClauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clause

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Nội dung phối hợp {n}")
    lead_body = factory.LazyAttribute(lambda o: o.programme.issuer)
    cadence = Clause.Cadence.QUARTERLY
    due_date = None


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    clause = factory.SubFactory(ClauseFactory)
    name = factory.Sequence(lambda n: f"Hội nghị {n}")
    unit = "hội nghị"
    target = Decimal("10")


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    clause = factory.SubFactory(ClauseFactory)
    reported_on = date(2024, 3, 31)
    reporting_body = factory.LazyAttribute(lambda o: o.clause.lead_body)
    status = "on_track"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = Meeting.Kind.QUARTERLY_BRIEFING
    title = factory.Sequence(lambda n: f"Giao ban quý {n}")
    organiser = factory.SubFactory(BodyFactory)
    starts_at = datetime(2024, 4, 9, 8, 0, tzinfo=VN)
    place = "Phòng họp số 1"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    official = factory.SubFactory(OfficialFactory)


class DirectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directive

    meeting = factory.SubFactory(MeetingFactory)
    text = "Xây dựng lại kế hoạch phối hợp."
    addressed_body = factory.LazyAttribute(lambda o: o.meeting.organiser)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    kind = Report.Kind.YEAR_END
    body = factory.SubFactory(BodyFactory)
    period_start = date(2024, 1, 1)
    period_end = date(2024, 12, 31)
    issuing_body = factory.LazyAttribute(lambda o: o.body)
    number = factory.Sequence(lambda n: n + 1)
    number_year = 2025
    issued_on = date(2025, 1, 5)
    state = Report.State.ISSUED
    place_name = "Thanh Trì"
    title = "Tổng kết chương trình phối hợp năm 2024"
