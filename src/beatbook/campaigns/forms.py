from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from beatbook.campaigns.models import Campaign, Material
from beatbook.engagement.models import Audience, Event
from beatbook.geography.models import Cluster, Ward
from beatbook.messaging.models import Message

RESERVED_SLUGS = {"manage"}


class CampaignForm(forms.ModelForm):
    audiences = forms.MultipleChoiceField(
        choices=Audience.choices, required=False, widget=forms.CheckboxSelectMultiple, help_text="Who it speaks to"
    )

    class Meta:
        model = Campaign
        fields = [
            "title",
            "slug",
            "aim",
            "public_summary",
            "starts",
            "ends",
            "audiences",
            "cluster",
            "wards",
            "target_premises_types",
            "events",
            "messages",
            "published",
        ]
        widgets = {
            "starts": forms.DateInput(attrs={"type": "date"}),
            "ends": forms.DateInput(attrs={"type": "date"}),
            "aim": forms.Textarea(attrs={"rows": 3}),
            "public_summary": forms.Textarea(attrs={"rows": 4}),
            "events": forms.SelectMultiple(attrs={"size": 8}),
            "messages": forms.SelectMultiple(attrs={"size": 6}),
            "wards": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "events": "The engagement events held for the campaign (hold Ctrl or Cmd to choose several)",
            "messages": "The messages sent to subscribers for it",
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["events"].queryset = Event.objects.visible_to(user).select_related("event_type")  # type: ignore[attr-defined]
        self.fields["messages"].queryset = Message.objects.visible_to(user)  # type: ignore[attr-defined]
        force = settings.BEATBOOK_FORCE
        self.fields["cluster"].queryset = Cluster.objects.filter(sector__force__slug=force)  # type: ignore[attr-defined]
        self.fields["wards"].queryset = Ward.objects.of_force(force).order_by("name")  # type: ignore[attr-defined]
        self.fields["audiences"].help_text = (
            "Who it speaks to. A message to the campaign's audience reaches subscribers who said they are one"
            " of these (young people are not a group subscribers declare)"
        )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(f"“{slug}” is the address of the officers' pages: choose another.")
        return slug

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", "The campaign cannot end before it starts.")
        cluster, wards = data.get("cluster"), data.get("wards") or []
        outside = [w.name for w in wards if cluster is not None and w.cluster_id != cluster.pk]
        if outside:
            self.add_error("wards", f"Not wards of {cluster}: {', '.join(outside)}.")
        return data


class MaterialForm(forms.ModelForm):
    url = forms.URLField(
        required=False, assume_scheme="https", label="Link", help_text="A web page or document elsewhere"
    )

    class Meta:
        model = Material
        fields = ["title", "url", "file", "public"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("url") and not data.get("file"):
            self.add_error("url", "Give a link, or choose a file to upload.")
        return data


class SignUpForm(forms.Form):
    premises = forms.IntegerField(widget=forms.HiddenInput)
    signed_up = forms.DateField(
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Signed up on",
        help_text="The day the premises joined (e.g. its staff were trained)",
    )
