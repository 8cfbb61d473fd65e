from django.core.management.base import BaseCommand
from django.db import transaction

from agreements.demo import load_programmes
from meetings.demo import close_reviewed_programmes, load_meetings
from parties.demo import DEMO_PASSWORD, Registry, load_parties, load_users
from reports.demo import load_reports


class Command(BaseCommand):
    help = "Load the five seed cases as demo data, with one account per role. Safe to re-run."

    def handle(self, *args, **options):
        with transaction.atomic():
            registry = load_parties(Registry())
            fresh = load_programmes(registry)
            meetings = load_meetings(registry, fresh)
            close_reviewed_programmes(registry, fresh)
            accounts = load_users(registry)
        # Reports are built after the data they describe is committed; each is
        # made once, and rebuilt only if its files are missing.
        reports = load_reports(registry)
        if fresh:
            self.stdout.write(
                f"Đã nạp {len(fresh)} chương trình phối hợp và {len(meetings)} hội nghị mẫu."
            )
        else:
            self.stdout.write("Dữ liệu mẫu đã có sẵn; không thay đổi gì.")
        if reports:
            self.stdout.write(f"Đã lập {len(reports)} báo cáo mẫu (PDF, Excel).")
        self.stdout.write(f"\nTài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role, body in accounts:
            self.stdout.write(f"  {username:<16} {role.label:<14} {body}")
        self.stdout.write("\nĐăng nhập bằng một tài khoản ở trên.")
