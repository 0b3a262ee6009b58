"""Subscribing, and an officer's message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from beatbook.core.public_forms import Honeypot
from beatbook.geography.models import Cluster, Ward
from beatbook.messaging.models import Topic
from beatbook.workforce.models import PublicGroup, Team


def _wards() -> Any:
    return Ward.objects.of_force(settings.BEATBOOK_FORCE).order_by("name")


class SubscribeForm(Honeypot):
    email = forms.EmailField(label="Email address", help_text="We send a link to confirm it is yours.")
    wards = forms.ModelMultipleChoiceField(
        queryset=Ward.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label="Wards"
    )
    topics = forms.MultipleChoiceField(
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Topics",
        help_text="No topic ticked = all topics for your wards.",
    )
    group = forms.ChoiceField(
        choices=[("", "Rather not say"), *PublicGroup.choices],
        required=False,
        label="You are",
        help_text="Optional. Businesses also receive the Business team's messages to businesses.",
    )
    privacy = forms.BooleanField(
        label="I have read how my email address is used (the privacy notice)",
        error_messages={"required": "Please confirm you have read the privacy notice."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wards"].queryset = _wards()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("wards") and not data.get("topics"):
            raise ValidationError({"wards": "Choose at least one ward or one topic."})
        return data


class MessageTextForm(forms.Form):
    """A message's subject and text, whatever its audience."""

    subject = forms.CharField(max_length=150)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        label="Message",
        help_text="Plain text. Every email ends with an unsubscribe link. Do not include personal data.",
    )


class MessageForm(MessageTextForm):
    """An officer's message: where (a ward, a cluster, or the whole force: never by default), narrowed
    by a topic and a team's public group."""

    ward = forms.ModelChoiceField(queryset=Ward.objects.none(), required=False, empty_label="No one ward")
    cluster = forms.ModelChoiceField(queryset=Cluster.objects.none(), required=False, empty_label="No one cluster")
    whole_force = forms.BooleanField(
        required=False,
        label="The whole force",
        help_text="Subscribers of every ward of the force. Tick it only for a force-wide message.",
    )
    topic = forms.ChoiceField(choices=[("", "Any topic"), *Topic.choices], required=False)
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        required=False,
        empty_label="No team audience",
        help_text="The public group the team serves, e.g. the Business team's businesses",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = _wards()  # type: ignore[attr-defined]
        self.fields["team"].queryset = Team.objects.filter(force__slug=settings.BEATBOOK_FORCE).exclude(serves="")  # type: ignore[attr-defined]
        self.fields["cluster"].queryset = Cluster.objects.filter(sector__force__slug=settings.BEATBOOK_FORCE)  # type: ignore[attr-defined]
        self.fields["ward"].help_text = (
            "Subscribers of this ward. Ward, cluster, topic and team: all that you choose must match; "
            "a subscriber who chose no topic receives every topic."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        somewhere = data.get("ward") or data.get("cluster")
        if data.get("whole_force") and somewhere:
            self.add_error("whole_force", "The whole force names no ward or cluster: untick it, or clear them.")
        elif not somewhere and not data.get("whole_force"):
            self.add_error("ward", "Choose the audience: a ward, a cluster, or tick “The whole force”.")
        return data
