from django.core.management.base import BaseCommand, CommandError

from config.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Write a dated archive of the database (pg_dump) and every stored file."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="backups")

    def handle(self, *args, output_dir, **options):
        try:
            archive = backup_write(output_dir=output_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
