"""Each section of the Community Profile on a year counted by hand (tests/reports/conftest.py)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from beatbook.reports.communities import communities
from beatbook.reports.crime import crime_section
from beatbook.reports.engagement import engagement
from beatbook.reports.profile import community_profile
from beatbook.reports.surveys import surveys
from beatbook.reports.year import NoPublishedData, report_year
from beatbook.surveys.models import Access, Answer, Response, SurveyKind, Wave
from beatbook.surveys.services import create_survey
from tests.crime.csvs import street_row, write_csv

CITY = "city-of-london"


def _by_ward(section):
    return {r.ward: (r.crimes, r.asb) for r in section.wards}


def test_crime_and_asb_by_ward_and_category(small_year):
    section = crime_section(report_year(CITY, 2023))
    counts = _by_ward(section)
    assert counts["Bishopsgate"] == (12, 0) and counts["Cheap"] == (2, 1)
    assert len(counts) == 25 and sum(c for c, _ in counts.values()) == 14 and section.asb == 1
    assert section.categories == [("Other theft", 12), ("Shoplifting", 2), ("Anti-social behaviour", 1)]
    bishopsgate = next(r for r in section.wards if r.ward == "Bishopsgate")
    assert bishopsgate.crimes_per_km2 == pytest.approx(12 / bishopsgate.area_km2)


def test_rates_on_every_denominator_and_the_residents_warning(small_year):
    section = crime_section(report_year(CITY, 2023))
    texts = {(r.figure.label, r.figure.value): r.text for r in section.crime_rates.rows}
    assert texts[("Residents", 8584)] == "1.6 per 1,000 residents"  # 14 / 8,584 x 1,000 = 1.63
    assert texts[("Workers", 587000)] == "0.0239 per 1,000 workers"  # 14 / 587,000 x 1,000
    assert texts[("Visitors a year", 21_000_000)] == "0.667 per 1,000,000 visitors"  # 14 / 21 million x 1e6
    asb = {(r.figure.label, r.figure.value): r.text for r in section.asb_rates.rows}
    assert asb[("Residents", 8584)] == "0.116 per 1,000 residents"  # 1 / 8,584 x 1,000
    # 587,000 workers against the latest residents figure, 8,600: about 68 to 1.
    assert "about 68 to 1" in section.warning and "per worker" in section.warning


def test_communities_by_lsoa_and_age_with_deprivation_and_populations(small_year):
    result = communities(CITY)
    assert result.residents == 8584 and len(result.lsoas) == 6
    first = result.lsoas[0]
    assert (first.code, first.total, first.imd_decile, first.imd_rank) == ("E01000001", 1477, 9, 29199)
    assert first.by_age["Aged 15 years and under"] == 125
    kinds = [(p.kind, p.value, p.as_of) for p in result.populations]
    assert kinds[0] == ("residents", 8600, "2023") and ("workers", 587000, "2023") in kinds
    assert round(result.workers_per_resident or 0) == 68


def test_engagement_of_the_year(engagement_2023):
    cluster_a, cluster_b = engagement_2023
    result = engagement(CITY, 2023)
    assert result.events == 3 and result.attendance == 35
    assert {(r.label, r.events, r.attendance, r.counted) for r in result.by_cluster} == {
        (cluster_a.name, 2, 35, 2),
        (cluster_b.name, 1, 0, 0),
    }
    assert [r.events for r in result.by_type] == [2, 1]
    assert (result.issues_raised, result.with_actions, result.with_outcome) == (3, 1, 0)
    assert [(p.issue, p.action) for p in result.priorities] == [
        ("Bike thefts", "Bike marking"),
        ("Late-night noise", ""),
    ]
    assert result.unpublished == 1 and result.acted_on == 1


def test_survey_shares_with_wilson_intervals_and_small_groups_suppressed(survey_2023):
    (found,) = surveys(2023)
    assert [w.name for w in found.results.waves] == ["Autumn 2023"] and found.results.responses == [15]
    question = found.results.questions[0]
    rows = {r.label: r.cells[0] for r in found.rows(question)}
    overall = rows["All"].proportion
    # 12 of 15 = 80%; Wilson 95%: (0.8 + 1.96²/30) / (1 + 1.96²/15) ± ... = 54.8%..93.0%
    assert (overall.part, overall.base) == (12, 15)
    assert round(100 * overall.lower) == 55 and round(100 * overall.upper) == 93
    assert rows["Workers"].suppressed and rows["Residents"].withheld
    assert "<svg" in found.chart
    assert surveys(2022) == []


def test_a_response_counts_in_the_year_it_was_submitted_as_on_the_dashboard(personas):
    from beatbook.performance.registry import Period, get
    from beatbook.performance.scopes import force_scope

    survey = create_survey("Winter confidence", SurveyKind.CONFIDENCE, Access.OPEN, "", personas["analyst"])
    wave = Wave.objects.create(survey=survey, name="Winter", opens=date(2023, 12, 1), closes=date(2024, 1, 31))
    ward, first = personas.cluster_a.wards.first(), survey.questions.order_by("position").first()
    for day, n in ((date(2023, 12, 15), 12), (date(2024, 1, 10), 20)):  # 12 answers in 2023, 20 in 2024
        when = timezone.make_aware(datetime.combine(day, time(12)))
        for _ in range(n):
            response = Response.objects.create(wave=wave, ward=ward, group="resident", submitted=when)
            Answer.objects.create(response=response, question=first, choice="Good")
    (in_2023,) = surveys(2023)
    (in_2024,) = surveys(2024)
    assert in_2023.results.responses == [12] and in_2024.results.responses == [20]  # not all 32 in 2024
    assert in_2023.rows(in_2023.results.questions[0])[0].cells[0].n == 12
    dashboard = get("confidence").compute(force_scope(personas.cluster_a.sector.force), Period.parse("2023"))
    assert dashboard.detail.startswith("12 of 12 said")  # the same answers, in the same year


def test_a_year_without_published_data_is_refused_and_a_partial_year_says_so(city, tmp_path):
    from beatbook.crime.ingest import ingest_paths

    files = [write_csv(tmp_path, m, "street", [street_row(i, m)]) for i, m in enumerate(("2020-10", "2020-11"))]
    assert not ingest_paths(files).refused
    with pytest.raises(NoPublishedData, match="no street-level crime data are published for 2021"):
        report_year(CITY, 2021)
    year = report_year(CITY, 2020)
    assert not year.complete and year.published == (date(2020, 10, 1), date(2020, 11, 1))
    assert (
        year.coverage.startswith("2 of the 12 months of 2020")
        and "published for 2020-01..2020-09, 2020-12" in year.coverage
    )


def test_the_whole_profile_of_the_small_year(small_year, engagement_2023, survey_2023):
    profile = community_profile(CITY, 2023, today=date(2024, 2, 1))
    assert profile.title == "City of London Police Community Profile 2023" and profile.year.complete
    assert set(profile.charts) == {"wards", "map", "ages"} and all("<svg" in c for c in profile.charts.values())
    whats = [s.what for s in profile.sources]
    assert "Street-level crime and anti-social behaviour" in whats and "Residents by LSOA and age" in whats
    assert any(w == "Survey: City confidence" for w in whats)
