"""The strategy's reasons of abstraction and the qualifications of DWOs, as a force starts with them
(each can be renamed, retired or added to in the admin). Existing officers keep the defaults of 0003:
a standard working pattern and 40 planned neighbourhood hours a week (a full-time officer's week)."""

from django.db import migrations

REASONS = [
    ("response-cover", "Response cover"),
    ("public-order", "Public order"),
    ("events", "Events"),
    ("court", "Court"),
    ("training", "Training"),
    ("other", "Other"),
]
# (name, months until renewal): the ProQual certificates do not expire; the awareness courses are refreshed.
QUALIFICATIONS = [
    ("ProQual Level 3 Certificate in Crime Prevention", None),
    ("ProQual Level 3 Strategic Problem Solving", None),
    ("Vulnerability", 36),
    ("Modern slavery and human trafficking", 36),
    ("Child sexual exploitation and abuse awareness", 36),
]


def seed(apps, schema_editor):
    reason = apps.get_model("workforce", "AbstractionReason")
    for order, (code, name) in enumerate(REASONS):
        reason.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    kind = apps.get_model("workforce", "QualificationType")
    for name, months in QUALIFICATIONS:
        kind.objects.get_or_create(name=name, defaults={"required_of_dwos": True, "renewal_months": months})


class Migration(migrations.Migration):
    dependencies = [("workforce", "0003_working_pattern_abstractions_volunteers_training")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
