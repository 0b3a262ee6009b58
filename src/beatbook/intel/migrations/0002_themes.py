"""The themes a force starts with (edited in the admin afterwards)."""

from django.db import migrations

THEMES = [
    ("Modern slavery and human trafficking", True),
    ("Child sexual exploitation and abuse", True),
    ("Hate crime", False),
    ("County lines", True),
    ("Drugs", False),
    ("Anti-social behaviour", False),
    ("Violence against women and girls", True),
    ("Organised crime", False),
    ("Terrorism and radicalisation", False),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("intel", "Theme")
    for name, safeguarding in THEMES:
        Theme.objects.get_or_create(name=name, defaults={"safeguarding": safeguarding})


class Migration(migrations.Migration):
    dependencies = [("intel", "0001_initial")]
    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
