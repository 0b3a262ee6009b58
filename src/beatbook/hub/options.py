"""The options every `beatbook analyse` command shares: categories, months, area and output file.

Each bad value is refused by click with a message naming the option (exit status 2).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from beatbook.crime.police_uk.categories import CATEGORY_NAMES

_MONTH = re.compile(r"(\d{4})-(\d{2})")


class Month(click.ParamType):
    """A ``YYYY-MM`` month, converted to the first day of the month."""

    name = "YYYY-MM"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        match = _MONTH.fullmatch(str(value).strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            self.fail(f"{value!r} is not a month in YYYY-MM form, e.g. 2024-01", param, ctx)
        return date(int(match.group(1)), int(match.group(2)), 1)


class Numbers(click.ParamType):
    """Comma-separated, strictly increasing, non-negative numbers, e.g. band edges ``0,100,200``."""

    name = "N,N,..."

    def convert(self, value, param, ctx) -> list[float]:
        if isinstance(value, list):
            return value
        try:
            numbers = [float(part) for part in str(value).split(",")]
        except ValueError:
            self.fail(f"{value!r} is not a comma-separated list of numbers, e.g. 0,100,200", param, ctx)
        if len(numbers) < 2 or numbers[0] < 0 or any(b <= a for a, b in zip(numbers, numbers[1:])):
            self.fail(f"{value!r}: give at least two edges, non-negative and increasing", param, ctx)
        return numbers


def _categories(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    slugs = [s.strip().lower() for value in values for s in value.split(",") if s.strip()]
    unknown = [s for s in slugs if s not in CATEGORY_NAMES]
    if unknown:
        raise click.BadParameter(
            f"unknown categor{'ies' if len(unknown) > 1 else 'y'} {', '.join(unknown)}; "
            f"valid police.uk slugs: {', '.join(sorted(CATEGORY_NAMES))}",
            ctx,
            param,
        )
    return tuple(dict.fromkeys(slugs))


def _area(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An area name, refused when empty: an empty --ward must not mean the whole force."""
    if value is not None and not value.strip():
        raise click.BadParameter(
            f"the name is empty; give a {param.name}'s name or code, or leave the option out for the whole force",
            ctx,
            param,
        )
    return value


def selection_options(command: Callable) -> Callable:
    """--category, --from, --to, --ward, --cluster, --sector."""
    options = [
        click.option(
            "--category",
            "categories",
            multiple=True,
            callback=_categories,
            metavar="SLUG",
            help="police.uk category slug, e.g. violent-crime; repeat or comma-separate; default: all.",
        ),
        click.option(
            "--from",
            "first",
            type=Month(),
            help="First month; default: the first of the latest 12 published months (to --to).",
        ),
        click.option("--to", "last", type=Month(), help="Last month; default: the latest published month."),
        click.option("--ward", callback=_area, help="A ward, by name, slug or ONS code; default: the whole force."),
        click.option("--cluster", callback=_area, help="A cluster, by name or code."),
        click.option("--sector", callback=_area, help="A sector, by name or code."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _check_folder(path: Path, ctx: click.Context, param: click.Parameter) -> None:
    """Refuse an output file that cannot be written, before any analysis runs."""
    folder = path.parent
    if not folder.is_dir():
        raise click.BadParameter(f"the folder {str(folder)!r} does not exist; create it first", ctx, param)
    if not os.access(folder, os.W_OK):
        raise click.BadParameter(f"the folder {str(folder)!r} cannot be written to", ctx, param)
    if path.is_dir():
        raise click.BadParameter(f"{str(path)!r} is a folder, not a file", ctx, param)


def out_option(*suffixes: str) -> Callable:
    """--out PATH, written as CSV or GeoJSON by its extension (one of ``suffixes``)."""

    def check(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
        if value is None:
            return None
        if value.suffix.lower() not in suffixes:
            raise click.BadParameter(
                f"{str(value)!r} must end in {' or '.join(suffixes)} (the file type is taken from the extension)",
                ctx,
                param,
            )
        _check_folder(value, ctx, param)
        return value

    kinds = " or ".join(s.lstrip(".").upper().replace("GEOJSON", "GeoJSON") for s in suffixes)
    return click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        callback=check,
        help=f"Also write the results to this file ({kinds}, by extension).",
    )
