"""Intelligence linked to SARA problems (docs/adr/0013): a text reference that names an existing problem
becomes a link; one that names none stays as it was written, shown on the item's page."""

import django.db.models.deletion
from django.db import migrations, models

from beatbook.problems.references import problem_id_of


def link_references(apps, schema_editor):
    Intel = apps.get_model("intel", "Intel")
    Problem = apps.get_model("problems", "Problem")
    known = set(Problem.objects.values_list("pk", flat=True))
    for item in Intel.objects.exclude(problem_ref="").only("pk", "problem_ref"):
        pk = problem_id_of(item.problem_ref)
        if pk in known:
            Intel.objects.filter(pk=item.pk).update(problem_id=pk, problem_ref="")


def unlink_references(apps, schema_editor):
    Intel = apps.get_model("intel", "Intel")
    for item in Intel.objects.filter(problem__isnull=False, problem_ref="").only("pk", "problem_id"):
        Intel.objects.filter(pk=item.pk).update(problem_ref=f"SARA-{item.problem_id}")


class Migration(migrations.Migration):
    dependencies = [("intel", "0002_themes"), ("problems", "0003_snapshots")]
    operations = [
        migrations.AddField(
            model_name="intel",
            name="problem",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="problems.problem",
            ),
        ),
        migrations.AlterField(
            model_name="intel",
            name="problem_ref",
            field=models.CharField(
                blank=True,
                help_text="A reference typed before problems were linked that names no problem; kept as it was written",
                max_length=64,
            ),
        ),
        migrations.RunPython(link_references, unlink_references),
    ]
