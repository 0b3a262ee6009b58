"""The response types of the problem-oriented policing literature; a force edits the list in the admin."""

from django.db import migrations

# Clarke & Eck (2003), Crime Analysis for Problem Solvers in 60 Small Steps, steps 39-49; the
# College of Policing's problem-solving guidance names the same families of response.
TYPES = [
    (
        "Situational prevention",
        "Make the crime harder, riskier or less rewarding at the place (Clarke's 25 techniques).",
    ),
    ("Enforcement", "Targeted patrols, arrests, warrants and orders aimed at the offenders driving the problem."),
    (
        "Engagement",
        "Working with residents, workers and businesses: surgeries, cluster panels, crime-prevention messaging.",
    ),
    ("Environmental design", "Change the place itself: lighting, sight lines, access, street furniture (CPTED)."),
    ("Licensing", "Conditions, reviews and visits to licensed premises with the licensing authority."),
    ("Diversion", "Support and referral that steers people away from offending."),
    ("Partnership", "Actions owned by partners: council, transport, business improvement districts, health."),
]


def add_types(apps, schema_editor):
    ResponseType = apps.get_model("problems", "ResponseType")
    for order, (name, description) in enumerate(TYPES, start=1):
        ResponseType.objects.get_or_create(name=name, defaults={"description": description, "order": order})


class Migration(migrations.Migration):
    dependencies = [("problems", "0001_initial")]

    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
