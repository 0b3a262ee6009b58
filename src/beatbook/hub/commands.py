"""`beatbook analyse ...`: the Hub's analyses of the stored crime data, printed and exported.

Every command takes the same selection options (options.py), reads the crimes through
services.py, runs analyses.py, prints tables.py's report and, with --out, writes export.py's
CSV or GeoJSON. Django and the numerical libraries are imported only when a command runs,
so that `beatbook --help` stays quick.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from beatbook.django_setup import setup_django
from beatbook.hub.options import Numbers, out_option, selection_options
from beatbook.paths import FSA_PREMISES as DEFAULT_PREMISES


def _top_option(what: str) -> Callable:
    return click.option(
        "--top", type=click.IntRange(min=1), default=10, show_default=True, help=f"Number of {what} listed."
    )


@click.group()
def analyse() -> None:
    """Analyse the stored crime data: hotspots, near repeats, concentration, trends, premises.

    Crimes are those located in the force's wards (BEATBOOK_FORCE), or in the --ward,
    --cluster or --sector chosen, in the latest 12 published months unless --from or
    --to is given.
    """


def _select(options: dict):
    """The selection of the command's options (Django set up first)."""
    setup_django()
    from django.conf import settings

    from beatbook.hub.services import SelectionError, select

    areas = [f"--{name}" for name in ("ward", "cluster", "sector") if options[name]]
    if len(areas) > 1:
        raise click.UsageError(f"give at most one of --ward, --cluster and --sector (got {' and '.join(areas)})")
    try:
        return select(
            settings.BEATBOOK_FORCE,
            options["categories"],
            options["first"],
            options["last"],
            ward=options["ward"],
            cluster=options["cluster"],
            sector=options["sector"],
        )
    except SelectionError as exc:
        if exc.option:
            raise click.BadParameter(str(exc), param_hint=f"'{exc.option}'") from None
        raise click.ClickException(str(exc)) from None


def _located(options: dict):
    """The selection and its located crimes."""
    selection = _select(options)
    from beatbook.hub.services import crime_points

    return selection, crime_points(selection)


def _run(analysis: Callable, *args):
    """``analysis(*args)``, its AnalysisError shown as a command error."""
    from beatbook.hub.analyses import AnalysisError

    try:
        return analysis(*args)
    except AnalysisError as exc:
        raise click.ClickException(str(exc)) from None


def _heading(title: str, selection, crimes: str) -> None:
    from beatbook.hub import services, tables

    elsewhere = services.crimes_elsewhere(selection) if selection.area.kind == "force" else None
    _echo(tables.heading(title, selection, crimes, elsewhere))
    _echo(tables.data_notes(services.location_artefacts(selection), services.coverage_notes(selection)))


def _echo(lines: list[str]) -> None:
    click.echo("\n".join(lines))


def _write(out: Path | None, what: str, selection, records: Callable, geometries: Callable | None = None) -> None:
    """Write ``records()`` (and, for GeoJSON, ``geometries()``) to ``out`` when given, with the
    metadata of the selection and the command's options."""
    if out is None:
        return
    from django.conf import settings

    from beatbook.hub import export, services

    ctx = click.get_current_context()
    meta = export.metadata(
        selection,
        ctx.command_path.removeprefix(ctx.find_root().info_name or "").strip(),
        dict(ctx.params),
        services.data_version(selection),
        settings.BEATBOOK_DATA_ATTRIBUTION,
    )
    rows = records()
    shapes = geometries() if geometries is not None and out.suffix.lower() == ".geojson" else None
    try:
        export.write(out, rows, shapes, meta)
    except export.ExportError as exc:
        raise click.ClickException(str(exc)) from None
    beside = "" if out.suffix.lower() == ".geojson" else f", its metadata to {export.metadata_path(out)}"
    click.echo(f"\nWrote {len(rows):,} {what} to {out}{beside}")


@analyse.command()
@selection_options
@click.option(
    "--cell-size",
    type=click.FloatRange(min=0, min_open=True),
    metavar="METRES",
    help="Side of the grid cells; default: sfhotspot's automatic size, but never less than the "
    "median spacing of the force's police.uk map points (about 50 m in the City), below which "
    "a size is refused.",
)
@click.option(
    "--alpha",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=0.05,
    show_default=True,
    help="Significance level.",
)
@click.option(
    "--fdr/--no-fdr",
    default=True,
    show_default=True,
    help="Benjamini-Hochberg correction of the p-values across cells.",
)
@_top_option("cells")
@out_option(".csv", ".geojson")
def hotspots(cell_size: float | None, alpha: float, fdr: bool, top: int, out: Path | None, **options) -> None:
    """Hot and cold spots: Getis-Ord Gi* of crime counts on a grid.

    GeoJSON output: one polygon per grid cell (WGS84) with count, z, p and class.
    """
    selection, points = _located(options)
    from beatbook.hub import analyses, export, services, tables

    spacing = services.map_point_spacing(selection)
    _check_cell_size(cell_size, spacing, selection)
    cells = _run(analyses.hotspot_cells, points, cell_size, alpha, fdr, spacing)
    _heading("Hotspots: Getis-Ord Gi* on a grid", selection, f"{points.n:,} located in the area")
    _echo(tables.hotspots(cells, top))
    _write(out, "grid cells", selection, lambda: export.hotspot_records(cells), lambda: export.cell_polygons(cells))


def _check_cell_size(cell_size: float | None, spacing: float, selection) -> None:
    """Refuse cells smaller than the spacing of the map points: they only add empty cells."""
    from beatbook.analysis.spacing import cell_size_floor

    floor = cell_size_floor(spacing)
    if cell_size is not None and cell_size < floor:
        raise click.BadParameter(
            f"{cell_size:g} m is below the floor of {floor:g} m: police.uk places crimes at anonymous "
            f"map points, which lie a median {spacing:.0f} m from their nearest neighbour in "
            f"{selection.force_name}'s data of these months, so smaller cells only add empty cells "
            "around each point",
            param_hint="'--cell-size'",
        )


@analyse.command("near-repeat")
@selection_options
@click.option(
    "--space-bands", type=Numbers(), default="0,100,200,400", show_default=True, help="Distance band edges in metres."
)
@click.option(
    "--time-bands",
    type=Numbers(),
    default="0,15,45,75,105",
    show_default=True,
    help="Time band edges in days. Crimes are dated the first of their month, so the default "
    "edges fall between whole months: same month, 1, 2 and 3 months apart.",
)
@click.option(
    "--permutations",
    type=click.IntRange(min=1),
    default=99,
    show_default=True,
    help="Monte Carlo permutations of the months.",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the permutations.")
@out_option(".csv")
def near_repeat(
    space_bands: list[float], time_bands: list[float], permutations: int, seed: int, out: Path | None, **options
) -> None:
    """Near repeats: the Knox test of crimes close in space and time."""
    selection, points = _located(options)
    from beatbook.hub import analyses, export, tables

    result = _run(analyses.near_repeat, points, space_bands, time_bands, permutations, seed)
    _heading("Near repeats: Knox test", selection, f"{points.n:,} located in the area")
    _echo(tables.near_repeat(result))
    _write(out, "space-time bands", selection, lambda: export.knox_records(result))


@analyse.command()
@selection_options
@_top_option("places")
@out_option(".csv", ".geojson")
def concentration(top: int, out: Path | None, **options) -> None:
    """Crime concentration at places: Gini, repeat locations, share at the top places.

    Places are the police.uk map points of the area with any crime (any category) in the
    months. GeoJSON output: one point per place.
    """
    selection, points = _located(options)
    from beatbook.hub import analyses, export, services, tables

    # The places at risk: map points with any crime in the months, not every point ever used
    # (police.uk moves its points over the years, and old ones would inflate the Gini).
    place_xy, place_names = services.places(selection, in_months=True)
    result = _run(analyses.place_concentration, points, place_xy, place_names)
    _heading("Concentration of crime at places", selection, f"{points.n:,} located in the area")
    _echo(tables.concentration(result, top))
    _write(out, "places", selection, lambda: export.place_records(result), lambda: export.points(result.xy))


@analyse.command()
@selection_options
@click.option(
    "--rule",
    type=click.Choice(["seasonal", "c-chart", "ewma", "cusum"]),
    default="seasonal",
    show_default=True,
    help="How anomalous months are flagged: 'seasonal' compares each month with a quasi-Poisson "
    "model (trend and season) of the months before the period, at --false-alarms a year; the "
    "control charts assume Poisson counts without season, so they flag many ordinary months.",
)
@click.option(
    "--false-alarms",
    type=click.FloatRange(0, 12, min_open=True, max_open=True),
    default=0.5,
    show_default=True,
    help="Months the seasonal rule flags a year, on average, when nothing has changed.",
)
@click.option("--horizon", type=click.IntRange(1, 24), default=3, show_default=True, help="Months to forecast.")
@out_option(".csv")
def trends(rule: str, false_alarms: float, horizon: int, out: Path | None, **options) -> None:
    """Monthly trends: series, year on year (E-test), anomalous months, a short forecast.

    Months with no published data are gaps, not zeros.
    """
    selection = _select(options)
    from beatbook.hub import analyses, export, services, tables

    history = services.with_history(selection)
    series = services.category_series(history)
    result = _run(
        analyses.trends,
        history.months,
        history.published_mask,
        series,
        selection.first,
        rule,
        horizon,
        false_alarms,
    )
    _heading("Trends: crimes per month", selection, f"{int(result.counts.sum()):,} in the area")
    _echo(tables.trends(result))
    _write(out, "months", selection, lambda: export.trend_records(result))


@analyse.command()
@selection_options
@click.option(
    "--premises",
    "premises_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_PREMISES,
    show_default="the shipped FSA file of the City (2020-11-10)",
    help="An FSA food-hygiene register in CSV form.",
)
@click.option(
    "--business-type",
    default="Pub/bar/nightclub",
    show_default=True,
    help="The FSA BusinessType of the premises analysed.",
)
@click.option(
    "--radius",
    type=click.FloatRange(min=0),
    metavar="METRES",
    help="Metres within which a crime counts at a premises; default: the median spacing of the "
    "force's police.uk map points (about 50 m in the City), the distance within which a "
    "premises' crimes are placed.",
)
@_top_option("premises")
@out_option(".csv", ".geojson")
def premises(
    premises_path: Path, business_type: str, radius: float | None, top: int, out: Path | None, **options
) -> None:
    """Risky facilities: crimes near pubs, bars and nightclubs, and their concentration.

    Without --category, the crimes linked to the night-time economy: violence and sexual
    offences, public order, theft from the person, anti-social behaviour and drugs. Each
    located crime counts once, at its nearest premises within --radius.
    GeoJSON output: one point per premises.
    """
    from beatbook.hub.analyses import NIGHT_TIME_ECONOMY

    options["categories"] = options["categories"] or NIGHT_TIME_ECONOMY
    selection, points = _located(options)
    from beatbook.hub import analyses, export, services, tables

    kept, xy, outside = services.premises_in_area(selection, _read_premises(premises_path, business_type))
    spacing = services.map_point_spacing(selection)
    place_xy, place_names = services.places(selection, in_months=True)
    result = _run(analyses.premises_risk, points, kept, xy, outside, radius, spacing, place_xy, place_names)
    _heading("Risky facilities: crimes near premises", selection, f"{points.n:,} located in the area")
    _echo(tables.premises(result, top))
    _write(out, "premises", selection, lambda: export.premises_records(result), lambda: export.premises_points(result))


def _read_premises(path: Path, business_type: str):
    from beatbook.hub.premises import PremisesFileError, read_premises

    try:
        return read_premises(path, business_type)
    except PremisesFileError as exc:
        raise click.BadParameter(str(exc), param_hint="'--premises'") from None
