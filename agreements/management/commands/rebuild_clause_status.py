from django.core.management.base import BaseCommand
from django.db import transaction

from agreements.models import Clause


class Command(BaseCommand):
    help = (
        "Store again every clause's latest progress report and the status it gives "
        "(after a bulk load or a repair made in SQL). Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=20000, help="clauses per UPDATE")

    def handle(self, *args, batch, **options):
        ids = list(Clause.objects.order_by("pk").values_list("pk", flat=True))
        count = 0
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            with transaction.atomic():
                count += Clause.objects.filter(pk__gte=chunk[0], pk__lte=chunk[-1]).status_refresh()
        self.stdout.write(f"Đã cập nhật trạng thái của {count} nội dung.")
