"""`beatbook assess`: the assessment of the problem pages, from the command line, for analysts and scripts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from beatbook.django_setup import setup_django


def _ward_codes(text: str | None, option: str, force_slug: str) -> tuple[str, ...]:
    """Ward names, slugs or ONS codes, comma-separated, as ONS codes; an unknown one is refused by name."""
    from beatbook.geography.models import Ward

    if not text:
        return ()
    wards = list(Ward.objects.of_force(force_slug))
    codes = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        key = part.casefold()
        ward = next((w for w in wards if key in (w.code.casefold(), w.slug.casefold(), w.name.casefold())), None)
        if ward is None:
            names = ", ".join(sorted(w.name for w in wards))
            raise click.BadParameter(f"no ward {part!r}; choose among: {names}", param_hint=f"'{option}'")
        codes.append(ward.code)
    return tuple(codes)


def _polygon(path: str | None, option: str) -> dict[str, Any] | None:
    from beatbook.problems.spec import parse_polygon

    return parse_polygon(Path(path).read_text(encoding="utf-8"), option) if path else None


def _spec(options: dict[str, Any]):
    from django.conf import settings

    from beatbook.problems.spec import AssessmentSpec, Period, parse_radius

    force = settings.BEATBOOK_FORCE
    areas = [name for name in ("area", "polygon", "radius") if options[name]]
    if len(areas) != 1:
        raise click.UsageError("give exactly one of --area, --polygon and --radius")
    if not options["control"] and not options["control_polygon"]:
        raise click.UsageError("give the control area: --control, --control-polygon or both")
    return AssessmentSpec(
        force_slug=force,
        before=Period.parse(options["before"], "--before"),
        after=Period.parse(options["after"], "--after"),
        buffer_m=float(options["buffer"]),
        area_wards=_ward_codes(options["area"], "--area", force),
        polygon=_polygon(options["polygon"], "--polygon"),
        radius=parse_radius(options["radius"], "--radius") if options["radius"] else None,
        control_wards=_ward_codes(options["control"], "--control", force),
        control_polygon=_polygon(options["control_polygon"], "--control-polygon"),
        categories=tuple(options["category"]),
    )


def _print(result: dict[str, Any]) -> None:
    p = result["periods"]
    before, after = p["before"], p["after"]
    click.echo(f"Before: {before['first']}..{before['last']}, {before['published_months']} published months")
    click.echo(f"After:  {after['first']}..{after['last']}, {after['published_months']} published months")
    click.echo(f"{'area':10} {'before':>8} {'after':>8}")
    for name, pair in result["counts"].items():
        click.echo(f"{name:10} {pair['before']:>8} {pair['after']:>8}")
    click.echo("")
    click.echo(result["verdict"]["headline"])
    click.echo(f"How sure: {result['verdict']['certainty']}.")
    for line in result["verdict"]["details"]:
        click.echo(f"- {line}")
    click.echo("What the data cannot show:")
    for line in result["verdict"]["limits"]:
        click.echo(f"- {line}")
    click.echo(f"Data version {result['data_version']}")


@click.command()
@click.option("--area", help="Response area: ward names, slugs or ONS codes, comma-separated.")
@click.option(
    "--polygon", type=click.Path(exists=True, dir_okay=False), help="Response area: a GeoJSON polygon file (WGS84)."
)
@click.option("--radius", help="Response area: LAT,LNG,METRES around a point.")
@click.option(
    "--buffer", type=click.FloatRange(0, 5000), default=0, show_default=True, help="Width of the buffer ring, metres."
)
@click.option("--control", help="Control wards: names, slugs or ONS codes, comma-separated.")
@click.option(
    "--control-polygon",
    type=click.Path(exists=True, dir_okay=False),
    help="Control area: a GeoJSON polygon file (WGS84), instead of or besides --control.",
)
@click.option("--before", required=True, help="Before period, YYYY-MM:YYYY-MM.")
@click.option("--after", required=True, help="After period, YYYY-MM:YYYY-MM.")
@click.option("--category", multiple=True, help="police.uk category slug (repeat); none: all categories.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON of GET /api/problems/{id}/assessment.")
def assess(**options: Any) -> None:
    """Assess a response: WDD, WDQ, RES and the E-test of the stored crimes of a response area,
    its buffer ring and control wards, before and after."""
    setup_django()
    from beatbook.problems.assessment import assess as run
    from beatbook.problems.spec import SpecError

    try:
        result = run(_spec(options))
    except SpecError as exc:
        option = exc.option if exc.option.startswith("--") else f"--{exc.option}"
        raise click.BadParameter(exc.message, param_hint=f"'{option}'") from None
    if options["as_json"]:
        click.echo(json.dumps(result, indent=2))
    else:
        _print(result)
