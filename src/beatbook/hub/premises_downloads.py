"""The premises page's tables as downloads (CSV, and GeoJSON for the premises): the premises
with their counts and map points, the map points their crimes were placed at, the months, and
the concentration curve."""

from __future__ import annotations

from beatbook.hub import export
from beatbook.hub.analyses import AnalysisError
from beatbook.hub.downloads import download
from beatbook.hub.premises_form import PremisesForm
from beatbook.hub.premises_page import PremisesPage, premises_page
from beatbook.hub.selection import Selection

RISKY = "crimes near premises (risky facilities): each located crime counted at its nearest premises within the radius"


def page_of(selection: Selection, form: PremisesForm) -> PremisesPage | None:
    try:
        return premises_page(selection, form.chosen_register, form.types, form.radius_metres)
    except AnalysisError:
        return None  # nothing to export: the page says why


@download("premises", RISKY, form_class=PremisesForm, geojson=True)
def _premises(selection: Selection, form):
    page = page_of(selection, form)
    if page is None:
        return [], []
    records = export.premises_records(page.risk)
    for record, change in zip(records, page.changes or [None] * len(records)):
        record["register"] = page.register.key
        record["previous_year"] = change.previous if change else None
        record["change_p_adjusted"] = change.p_adjusted if change else None
    order = page.risk.ranked().tolist()
    geometries = export.premises_points(page.risk)
    return [records[i] for i in order], [geometries[i] for i in order]


@download(
    "premises-map-points",
    RISKY + "; the police.uk map points the counted crimes were placed at",
    form_class=PremisesForm,
)
def _map_points(selection: Selection, form):
    page = page_of(selection, form)
    if page is None:
        return [], None
    p = page.premises
    rows = [
        {
            p.id_name: str(p.ids[i]),
            "premises": str(p.names[i]),
            "map_point": s.name,
            "map_point_easting": s.easting,
            "map_point_northing": s.northing,
            "crimes": s.crimes,
            "premises_of_these_types_within_radius": s.premises_near,
            "premises_of_any_type_within_radius": s.any_near,
            "named_after_a_place_type": s.place_type or "",
        }
        for i in page.risk.ranked().tolist()
        for s in page.sources[i]
    ]
    return rows, None


@download("premises-months", RISKY + "; per month of the period", form_class=PremisesForm)
def _months(selection: Selection, form):
    page = page_of(selection, form)
    if page is None:
        return [], None
    p, labels = page.premises, [f"{m:%Y-%m}" for m in page.months]
    rows = []
    for i in page.risk.ranked().tolist():
        values = [int(v) if published else None for v, published in zip(page.monthly[i].tolist(), page.published)]
        rows.append({p.id_name: str(p.ids[i]), "premises": str(p.names[i]), **dict(zip(labels, values))})
    return rows, None


@download("premises-curve", RISKY + "; the concentration curve", form_class=PremisesForm)
def _curve(selection: Selection, form):
    page = page_of(selection, form)
    if page is None:
        return [], None
    r = page.risk.result
    rows = [
        {"premises_share": float(x), "crime_share": float(y), "premises": k}
        for k, (x, y) in enumerate(zip(r.facility_share.tolist(), r.crime_share.tolist()))
    ]
    return rows, None
