"""Fill the database with a synthetic province for load tests and the benchmark.

    manage.py generate_load --scale province|district|tiny [--seed N]

Deterministic: the same seed on an empty database gives the same rows. Written
with COPY on PostgreSQL (bulk_create elsewhere), so the province takes minutes.
The command lives on the top floor because it drives every app's generator
(reports/synthetic.py).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from parties.models import AdministrativeUnit
from parties.synthetic import PASSWORD, PROVINCE_NAME
from reports.synthetic import SCALES, generate


class Command(BaseCommand):
    help = "Generate a synthetic province (load-test data)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="tiny")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale, seed, **options):
        if AdministrativeUnit.objects.filter(name=PROVINCE_NAME, parent__isnull=True).exists():
            raise CommandError(
                f"The synthetic province {PROVINCE_NAME} is already loaded; "
                "use a fresh database for another one."
            )
        started = time.monotonic()
        written = generate(scale, seed=seed, say=lambda line: self.stdout.write(f"  {line}"))
        for model, count in written.items():
            self.stdout.write(f"{model._meta.label:40} {count:>10,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{scale} (seed {seed}) loaded in {time.monotonic() - started:.0f} s; "
                f"every account's password: {PASSWORD}"
            )
        )
