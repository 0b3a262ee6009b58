"""Date fields render ISO values, the only ones browsers' date inputs read, so an edit form shows its
dates and saving keeps them; British dates typed by hand are still accepted, and pages still show
dates the British way."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone

from tests.campaigns.factories import draft_campaign

pytestmark = pytest.mark.django_db


class _Dates(forms.Form):
    on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


def test_the_campaign_edit_form_shows_its_dates(personas):
    campaign = draft_campaign(cluster=personas.cluster_a, starts=dt.date(2026, 11, 23), ends=dt.date(2027, 1, 5))
    client = personas.client("officer_a")
    page = client.get(f"/campaigns/manage/{campaign.pk}/edit/").content.decode()
    assert 'value="2026-11-23"' in page and 'value="2027-01-05"' in page


def test_the_bike_registers_today_default_shows(personas):
    page = personas.client("public").get("/bikes/register/").content.decode()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page


def test_a_datetime_local_input_shows_its_value():
    at = timezone.make_aware(dt.datetime(2026, 11, 23, 14, 30))
    html = str(_Dates(initial={"on": dt.date(2026, 11, 23), "at": at})["at"])
    assert 'value="2026-11-23T14:30"' in html


@pytest.mark.parametrize(
    ("on", "at"),
    [("2026-11-23", "2026-11-23T14:30"), ("23/11/2026", "23/11/2026 14:30"), ("23/11/26", "2026-11-23 14:30")],
)
def test_iso_and_british_input_are_both_accepted(on, at):
    form = _Dates({"on": on, "at": at})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == dt.date(2026, 11, 23)
    assert timezone.localtime(form.cleaned_data["at"]).replace(tzinfo=None) == dt.datetime(2026, 11, 23, 14, 30)


def test_pages_still_show_dates_the_british_way():
    rendered = Template("{{ d }} · {{ d|date:'SHORT_DATE_FORMAT' }}").render(Context({"d": dt.date(2026, 11, 23)}))
    assert rendered == "23 Nov 2026 · 23/11/2026"
