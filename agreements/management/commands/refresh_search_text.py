from django.core.management.base import BaseCommand

from agreements.models import Programme
from agreements.services import programme_refresh_search_text


class Command(BaseCommand):
    help = (
        "Fold again the text every programme is found by: after bodies are renamed or the "
        "list of abbreviations (parties/abbreviations.py) changes. Safe to re-run."
    )

    def handle(self, *args, **options):
        count = 0
        for programme in Programme.objects.select_related("issuer").iterator(chunk_size=200):
            programme_refresh_search_text(programme)
            count += 1
        self.stdout.write(f"Đã cập nhật nội dung tìm kiếm của {count} chương trình.")
