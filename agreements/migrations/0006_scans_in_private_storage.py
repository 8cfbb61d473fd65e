# Scans move from MEDIA_ROOT (which a web server may publish) to the private
# storage, under random names; the files already uploaded move with them.

import agreements.storage
from django.core.files.storage import storages
from django.db import migrations, models


def move_scans_to_private_storage(apps, schema_editor):
    Programme = apps.get_model("agreements", "Programme")
    public = storages["default"]
    for programme in Programme.objects.exclude(scanned_copy="").only("pk", "scanned_copy"):
        old = programme.scanned_copy.name
        if not public.exists(old):  # already moved, or lost before this migration
            continue
        with public.open(old, "rb") as handle:
            programme.scanned_copy.save("scan.pdf", handle, save=False)
        Programme.objects.filter(pk=programme.pk).update(scanned_copy=programme.scanned_copy.name)
        public.delete(old)


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0005_search_text_with_abbreviations'),
    ]

    operations = [
        migrations.AlterField(
            model_name='programme',
            name='scanned_copy',
            field=models.FileField(blank=True, storage=agreements.storage.private_storage, upload_to=agreements.storage.scan_file_name, verbose_name='scanned signed copy'),
        ),
        migrations.RunPython(move_scans_to_private_storage, migrations.RunPython.noop),
    ]
