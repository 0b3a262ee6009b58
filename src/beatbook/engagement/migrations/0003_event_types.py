"""The event types of the engagement strategy; a force adds, renames or reorders them in the admin."""

from django.db import migrations

TYPES = [
    ("cluster-panel-meeting", "Cluster panel meeting"),
    ("neighbourhood-surgery", "Neighbourhood surgery"),
    ("crime-reduction-roadshow", "Crime-reduction roadshow"),
    ("bike-marking", "Bike marking"),
    ("taxi-outreach", "Taxi outreach"),
    ("school-visit", "School visit"),
    ("youth-forum", "Youth forum"),
    ("security-forum-briefing", "Security forum briefing"),
    ("drop-in", "Drop-in"),
    ("other", "Other"),
]


def add_types(apps, schema_editor):
    EventType = apps.get_model("engagement", "EventType")
    for order, (slug, name) in enumerate(TYPES):
        EventType.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("engagement", "0002_initial")]
    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
