from django.db import migrations, models

from parties.abbreviations import is_ambiguous, spell_out


def fill_full_names(apps, schema_editor):
    """A body's full name, to begin with, is its name with the abbreviations spelled out
    ("UBND huyện Thanh Trì" → "Ủy ban nhân dân huyện Thanh Trì"); where that would
    have to guess (TU: Tỉnh ủy or Thành ủy) the name is kept as it is, for the
    administrator to complete."""
    Body = apps.get_model("parties", "Body")
    for body in Body.objects.all():
        name = body.name
        body.full_name = name if is_ambiguous(name) else spell_out(name, compounds=False)
        body.save(update_fields=["full_name"])


class Migration(migrations.Migration):

    dependencies = [
        ("parties", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="body",
            name="full_name",
            field=models.CharField(
                default="",
                help_text=(
                    "The name as documents give it, in full and in ordinary case; a document "
                    "header prints it in capitals. For example: Ủy ban nhân dân huyện Thanh Trì"
                ),
                max_length=250,
                verbose_name="full official name",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="body",
            name="name",
            field=models.CharField(
                help_text=(
                    "The name used in lists and on crowded pages, abbreviations allowed. "
                    "For example: UBND huyện Thanh Trì"
                ),
                max_length=200,
                verbose_name="short name",
            ),
        ),
        migrations.RunPython(fill_full_names, migrations.RunPython.noop),
    ]
