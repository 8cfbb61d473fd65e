from django.core.management.base import BaseCommand

from agreements.models import ClauseCount, ClauseTally
from agreements.tally import clauses_counted_again


class Command(BaseCommand):
    help = (
        "Count again the clauses of every programme for the leaders' dashboard and the "
        "clause list (after a bulk load or a repair made in SQL). Safe to re-run."
    )

    def handle(self, *args, **options):
        clauses_counted_again()
        self.stdout.write(
            f"Đã đếm lại nội dung: {ClauseTally.objects.count()} dòng,"
            f" {ClauseCount.objects.count()} chương trình."
        )
