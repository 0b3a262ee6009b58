from typing import Any

from django import template

from beatbook.engagement.public import ward_engagement

register = template.Library()


@register.inclusion_tag("engagement/_ward_engagement.html")
def ward_team_events_priorities(ward: Any) -> dict[str, Any]:
    """The ward page's "your team", "next events" and "you said, we did" sections."""
    return {"engagement": ward_engagement(ward)}
