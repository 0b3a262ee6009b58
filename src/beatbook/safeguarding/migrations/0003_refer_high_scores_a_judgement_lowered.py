"""Professional judgement may only raise a DASH level. Before that rule, a high score could be stored with a
lower judgement and so go unreferred: every such assessment (personal data still held) is referred to the
MARAC now, as it would have been when stored, and each referral is audited."""

from django.db import migrations
from django.utils import timezone

REASON = "high risk: DASH score {score} (a lower professional judgement set aside)"


def refer_unreferred_high_scores(apps, schema_editor):
    assessment_model = apps.get_model("safeguarding", "DashAssessment")
    referral_model = apps.get_model("safeguarding", "MaracReferral")
    audit_model = apps.get_model("core", "AuditEvent")
    unreferred = assessment_model.objects.filter(
        level="high", marac_referral__isnull=True, personal_data_removed_at__isnull=True
    )
    for assessment in unreferred:
        reason = REASON.format(score=assessment.score)
        referral = referral_model.objects.create(assessment=assessment, referred_on=timezone.localdate(), reason=reason)
        audit_model.objects.create(
            command="migrate",
            username="beatbook migration",
            action="create",
            object_type="safeguarding.maracreferral",
            object_id=str(referral.pk),
            object_repr=f"MARAC referral {referral.pk}",
            detail={"reason": reason, "assessment": assessment.pk},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_audit_append_only_trigger"),
        ("safeguarding", "0002_support_plans_and_marac_cases"),
    ]

    operations = [migrations.RunPython(refer_unreferred_high_scores, migrations.RunPython.noop)]
