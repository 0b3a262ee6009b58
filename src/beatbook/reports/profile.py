"""The annual Community Profile: one year of the force's communities, crime, places, engagement and
survey results, each section computed by its own module, every figure with its source and date.

`community_profile(force_slug, year)` raises NoPublishedData for a year without published crime
data; a year with unpublished months is built, and says which months its crime figures lack."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone

from beatbook.hub.selection import runs_text
from beatbook.reports import charts
from beatbook.reports.communities import CENSUS_SOURCE, DEPRIVATION_SOURCE, Communities, communities
from beatbook.reports.crime import POLICE_SOURCE, CrimeSection, crime_section
from beatbook.reports.engagement import SOURCE as ENGAGEMENT_SOURCE
from beatbook.reports.engagement import Engagement, engagement
from beatbook.reports.places import Places, places
from beatbook.reports.surveys import SurveyOfYear, surveys
from beatbook.reports.year import NoPublishedData, ReportYear, report_year

__all__ = ["CommunityProfile", "NoPublishedData", "community_profile"]


@dataclass(frozen=True)
class Source:
    what: str
    who: str
    when: str


@dataclass
class CommunityProfile:
    year: ReportYear
    made: date
    communities: Communities
    crime: CrimeSection
    places: Places
    engagement: Engagement
    surveys: list[SurveyOfYear]
    charts: dict[str, str] = field(default_factory=dict)  # name -> inline SVG

    @property
    def title(self) -> str:
        return f"{self.year.force_name} Community Profile {self.year.year}"

    @property
    def sources(self) -> list[Source]:
        months = runs_text(list(self.year.published))
        rows = [
            Source("Street-level crime and anti-social behaviour", POLICE_SOURCE, f"published months {months}"),
            Source("Residents by LSOA and age", CENSUS_SOURCE, "21 March 2021"),
            Source("Deprivation by LSOA", DEPRIVATION_SOURCE, "2019"),
            *(Source(p.label, p.source, p.as_of) for p in self.communities.populations),
            Source("Pubs, bars and nightclubs", self.places.premises.register, "as the register's date says"),
            Source("Engagement events and ward priorities", ENGAGEMENT_SOURCE, f"{self.year.year}, as recorded"),
        ]
        rows += [Source(f"Survey: {s.results.survey.title}", "beatbook surveys of the force",
                        f"answers submitted in {self.year.year}, to "
                        + ", ".join(f"{w.name} ({w.opens:%-d %b %Y}–{w.closes:%-d %b %Y})" for w in s.results.waves))
                 for s in self.surveys]  # fmt: skip
        return rows

    @property
    def attribution(self) -> str:
        return settings.BEATBOOK_DATA_ATTRIBUTION

    @property
    def demonstration(self) -> bool:
        return self.engagement.demonstration or any(s.demonstration for s in self.surveys)


def _charts(profile: CommunityProfile) -> dict[str, str]:
    year = profile.year.year
    result = {
        "wards": charts.ward_bars(profile.crime.wards, f"Crimes and anti-social behaviour by ward, {year}"),
        "map": charts.ward_map(
            profile.year.force_slug,
            profile.crime.wards,
            profile.places.hotspots.places,
            f"Crimes per km² by ward and the hotspots of {year}",
        ),
    }
    if profile.communities.lsoas:
        result["ages"] = charts.age_bars(profile.communities.age_totals(), "Usual residents by age, Census 2021")
    return {name: charts.unique_ids(svg, f"chart-{name}") for name, svg in result.items()}


def community_profile(force_slug: str, year: int, today: date | None = None) -> CommunityProfile:
    chosen = report_year(force_slug, year)
    profile = CommunityProfile(
        year=chosen,
        made=today or timezone.localdate(),
        communities=communities(force_slug),
        crime=crime_section(chosen),
        places=places(chosen),
        engagement=engagement(force_slug, year),
        surveys=surveys(year),
    )
    profile.charts = _charts(profile)
    return profile
