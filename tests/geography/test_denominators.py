"""The populations of the Hub's rates: the shipped file, a force's own file, the admin's rules."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.core.exceptions import ValidationError

from beatbook.cli import main
from beatbook.core.models import AuditEvent
from beatbook.geography.commands import DEFAULT_DENOMINATORS
from beatbook.geography.denominators import DenominatorFileError, load_denominators
from beatbook.geography.models import Denominator

HEADER = "area_kind,area_code,area_name,kind,group,value,as_of,source,source_url,notes\n"


def write(tmp_path, *rows: str):
    path = tmp_path / "denominators.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_shipped_file_gives_the_city_its_residents_workers_and_visitors(city):
    report = load_denominators(DEFAULT_DENOMINATORS, city)
    assert (report.created, report.updated) == (11, 0)
    force = {(d.kind, d.as_of): d for d in Denominator.objects.of_area(city, "force")}
    assert force[("residents", "2021-03-21")].value == 8_584
    assert force[("workers", "2023")].value == 587_000
    assert force[("visitors", "2023")].value == 21_000_000
    assert "Census 2011" in force[("workday_population", "2011-03-27")].source
    lsoas = Denominator.objects.filter(force=city, area_kind="lsoa")
    assert sum(d.value for d in lsoas) == 8_584 and lsoas.get(area_code="E01032739").value == 1_619
    again = load_denominators(DEFAULT_DENOMINATORS, city)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 11)


def test_a_file_with_any_bad_row_is_refused_whole_naming_line_and_field(city, tmp_path):
    path = write(
        tmp_path,
        "force,,City,residents,,8584,2021-03-21,ONS Census 2021,,",
        "ward,E99999999,Nowhere,workers,,100,2023,A survey,,",
        "lsoa,E0100,Short,residents,,100,2021,ONS,,",
        "force,,City,pupils,,0,2021,ONS,not a url,",
        "force,,City,residents,,8584,2021-03-21,ONS Census 2021,,",
    )
    with pytest.raises(DenominatorFileError) as refused:
        load_denominators(path, city)
    problems = refused.value.problems
    assert "line 3 area_code: 'E99999999' is not the code of a ward of the force" in problems
    assert any(p.startswith("line 4 area_code: 'E0100' is not an LSOA code") for p in problems)
    assert any(p.startswith("line 5 kind: 'pupils' is not one of") for p in problems)
    assert "line 5 value: '0' must be a number of at least 1" in problems
    assert "line 5 source_url: 'not a url' is not a web address" in problems
    assert "line 6: repeats line 2 (same area, kind, group, date and source)" in problems
    assert not Denominator.objects.exists()


def test_a_force_updates_and_replaces_its_own_figures(city, tmp_path):
    bishopsgate = city.sectors.get(code="east").clusters.get(code="liverpool-street").wards.get(name="Bishopsgate")
    load_denominators(DEFAULT_DENOMINATORS, city)
    path = write(
        tmp_path,
        "force,,City,workers,,615000,2023,City of London Police strategy,,revised",
        f"ward,{bishopsgate.code},Bishopsgate,workers,,120000,2024,A survey,https://example.org/survey,",
    )
    report = load_denominators(path, city, replace=True)
    assert (report.created, report.deleted) == (2, 11)  # the strategy figure has another source: a new row
    assert Denominator.objects.filter(force=city).count() == 2


def test_the_command_loads_refuses_and_audits(city, tmp_path):
    ok = CliRunner().invoke(main, ["denominators", "load", str(DEFAULT_DENOMINATORS)], catch_exceptions=False)
    assert ok.exit_code == 0, ok.output
    assert "11 denominators read, 11 created, 0 updated, 0 unchanged, 0 deleted" in ok.output
    event = AuditEvent.objects.get(command="beatbook denominators load")
    assert event.action == "import"
    bad = write(tmp_path, "force,,City,residents,,-5,2021,ONS,,")
    refused = CliRunner().invoke(main, ["denominators", "load", str(bad)], catch_exceptions=False)
    assert refused.exit_code == 1
    assert (
        "refused, nothing stored" in refused.output
        and "line 2 value: '-5' must be a number of at least 1" in refused.output
    )


def test_the_admin_checks_the_area_code_as_the_file_does(city):
    denominator = Denominator(force=city, area_kind="force", area_code="E01000001", kind="residents", value=10)
    denominator.as_of, denominator.source = "2021", "ONS"
    with pytest.raises(ValidationError) as refused:
        denominator.full_clean()
    assert refused.value.message_dict["area_code"] == ["must be empty for the whole force"]
