"""The demo's finished reports, built at once so a new user finds PDFs to open.

- the year-end summary 2017 of the programmes of the Ban Tuyên giáo Huyện ủy
  Thanh Trì (a Party body), issued by it on 05/01/2018 (a report on the whole
  district is for the city's bodies above it: reports/rules.py);
- the quarterly review of quarter III/2017 of the Thanh Trì programme, issued by
  UBND huyện (a State body) as No. 12/BC-UBND;
- the quarterly review of quarter II/2022 of the Ngã Bảy programme with the
  People's Court;
- Báo cáo số 686-BC/BTGTU of 25/06/2019: the Hà Nội Ban Tuyên giáo's review of
  ten years of its Quy chế phối hợp (seed article 001).

These are issued documents: each is loaded as issued, with its number and its
date, signed by its body's head (reports/signature.py) and sent to the body
above it and to the programme's other parties. The recipients are illustrative,
and so is every signer but 686's, which the article does not name: 686 is
recorded with no signer, and no document prints one (reports/issue.py). Each
report's own note says what is illustrative.
Numbers other than 686 and 12 come from the register. Only 686 and its date are
an article's (seed 001); 12/BC-UBND and the other three reports' dates are
illustrative, as are the records they are built from (each says so in its own
note, which no report prints: tests/agreements/test_demo_notes.py). 686 covers
the Quy chế with the levels it binds (agreements/demo.py). Each report has a
key: running load_demo again builds nothing twice.
"""

from datetime import date

from reports.models import Report
from reports.periods import quarter_period, year_period
from reports.services import report_build, report_create

K = Report.Kind

DEMO_REPORTS = [
    {
        "key": "demo:thanhtri-2017-year-end",
        "kind": K.YEAR_END,
        "scope": ("body", "btghu-thanhtri"),
        "period": year_period(2017),
        "issuer": "btghu-thanhtri",
        "issued_on": date(2018, 1, 5),
        "requested_by": "lanhdao",
        "note": "Minh họa của dữ liệu mẫu: ngày ban hành, số trong sổ, người ký và nơi nhận "
        "(không có nguồn nêu báo cáo này).",
    },
    {
        "key": "demo:thanhtri-2017-q3",
        "kind": K.QUARTERLY,
        "scope": ("programme", "thanhtri-2017"),
        "period": quarter_period(2017, 3),
        "issuer": "ubnd-thanhtri",
        "issued_on": date(2017, 10, 5),
        "number": 12,
        "note": "Minh họa của dữ liệu mẫu: số 12/BC-UBND, ngày ban hành, người ký và nơi nhận "
        "(không có nguồn nêu báo cáo này).",
    },
    {
        "key": "demo:ngabay-tand-2022-q2",
        "kind": K.QUARTERLY,
        "scope": ("programme", "ngabay-tand"),
        "period": quarter_period(2022, 2),
        "issuer": "btgtu-ngabay",
        "issued_on": date(2022, 7, 5),
        "requested_by": "lanhdao.ngabay",
        "note": "Minh họa của dữ liệu mẫu: ngày ban hành, số trong sổ, người ký và nơi nhận "
        "(không có nguồn nêu báo cáo này).",
    },
    {
        "key": "demo:hanoi-686",
        "kind": K.MULTI_YEAR,
        "scope": ("body", "btgtu-hanoi"),
        "period": (date(2009, 6, 1), date(2019, 6, 25)),
        "issuer": "btgtu-hanoi",
        "issued_on": date(2019, 6, 25),
        "number": 686,
        # Seed 001 names the report, its number and date, not who signed it.
        "signer_unknown": True,
        "note": "Theo bài viết “Tích cực phối hợp trong triển khai kế hoạch phát triển KT-XH…” "
        "(29/6/2019): số 686-BC/BTGTU, ngày 25/6/2019, tên và nội dung tổng kết. Bài viết không "
        "nêu người ký: báo cáo ghi không có người ký. Nơi nhận là minh họa của dữ liệu mẫu.",
        "title": "Tổng kết 10 năm thực hiện Quy chế phối hợp giữa Ban Tuyên giáo các cấp với cơ "
        "quan quản lý Nhà nước cùng cấp trong việc triển khai kế hoạch phát triển kinh tế - xã "
        "hội, giải quyết các vấn đề bức xúc của Nhân dân",
    },
]


def scope_of(registry, scope):
    kind, key = scope
    if kind == "programme":
        return {"programme": registry.programmes[key]}
    if kind == "body":
        return {"body": registry.body(key)}
    return {"unit": registry.unit(key)}


def demo_recipients(issuer, scope):
    """The body above the issuer and the other parties of the programme it covers."""
    bodies = [issuer.parent] if issuer.parent_id else []
    programme = scope.get("programme")
    if programme is not None:
        bodies += [
            p.body for p in programme.memberships.select_related("body") if p.body_id != issuer.pk
        ]
    return bodies


def files_present(report):
    return all(
        field_file and field_file.storage.exists(field_file.name)
        for field_file in (report.pdf, report.appendix_pdf, report.xlsx, report.html)
    )


def load_reports(registry):
    """Create and build each demo report once; returns the reports built this time."""
    built = []
    for spec in DEMO_REPORTS:
        report = Report.objects.filter(automatic_key=spec["key"]).first()
        if report is None:
            start, end = spec["period"]
            issuer = registry.body(spec["issuer"])
            scope = scope_of(registry, spec["scope"])
            report = report_create(
                kind=spec["kind"],
                period_start=start,
                period_end=end,
                issuing_body=issuer,
                issued_on=spec["issued_on"],
                number=spec.get("number"),
                signer_unknown=spec.get("signer_unknown", False),
                recipients=demo_recipients(issuer, scope),
                title=spec.get("title", ""),
                requested_by=registry.users.get(spec.get("requested_by")),
                automatic_key=spec["key"],
                enqueue=False,
                **scope,
            )
            # What is illustrative: in the report's own note, which no page or document prints.
            Report.objects.filter(pk=report.pk).update(note=spec.get("note", ""))
        elif report.status == Report.Status.DONE and files_present(report):
            continue
        built.append(report_build(report_id=report.pk, rebuild=True))
    return built


# --- what load_demo runs (parties/management/commands/load_demo.py) ----------------

# Reports cover the programmes, their meetings and directives.
AFTER = ("meetings",)


def load(registry):
    return []


def load_after_commit(registry):
    """Reports are built from committed data; each once, again only if a file is missing."""
    reports = load_reports(registry)
    return [f"Đã lập {len(reports)} báo cáo mẫu (PDF, Excel)."] if reports else []
