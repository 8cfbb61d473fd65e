from django.core.management.base import BaseCommand

from agreements.models import ProgrammeReach
from agreements.reach import programme_reach_rebuild


class Command(BaseCommand):
    help = (
        "Write again which units see each programme through the bodies below them "
        "(after a bulk load or a repair made in SQL). Safe to re-run."
    )

    def handle(self, *args, **options):
        programme_reach_rebuild()
        self.stdout.write(f"Đã cập nhật {ProgrammeReach.objects.count()} dòng phạm vi theo dõi.")
