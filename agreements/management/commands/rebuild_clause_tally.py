from django.core.management.base import BaseCommand

from agreements.models import ClauseTally
from agreements.tally import clause_tally_rebuild


class Command(BaseCommand):
    help = (
        "Count again the clauses of every signed programme for the leaders' dashboard "
        "(after a bulk load or a repair made in SQL). Safe to re-run."
    )

    def handle(self, *args, **options):
        clause_tally_rebuild()
        self.stdout.write(f"Đã đếm lại nội dung: {ClauseTally.objects.count()} dòng.")
