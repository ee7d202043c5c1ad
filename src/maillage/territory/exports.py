"""Downloads of the analysis: indicators as CSV and GeoJSON, the stop plan as CSV and iCalendar."""

from __future__ import annotations

import csv
import datetime
import io
import json
from zoneinfo import ZoneInfo

from maillage.core.french import WORKING_DAYS
from maillage.interop.events import EventRecord, LocationRecord, SlotRecord
from maillage.interop.icalendar.writer import write_calendar
from maillage.territory.planning import StopPlan
from maillage.territory.selectors import INDICATOR_FIELDS, CommuneRow

PARIS = ZoneInfo("Europe/Paris")
SCHEDULE_FIELDS = (
    "date",
    "debut",
    "fin",
    "ordre",
    "commune_insee",
    "lieu",
    "latitude",
    "longitude",
    "population_fragile_gagnee",
    "habitants_gagnes",
    "communes_couvertes",
)


def indicators_csv(rows: list[CommuneRow], scores: dict[str, float] | None = None) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([*INDICATOR_FIELDS, *(["score"] if scores is not None else [])])
    for row in rows:
        values = ["" if value is None else value for value in row.as_dict().values()]
        writer.writerow([*values, *([scores.get(row.insee_code, "")] if scores is not None else [])])
    return stream.getvalue()


def indicators_geojson(
    rows: list[CommuneRow], outlines: dict[str, dict[str, object]], scores: dict[str, float]
) -> str:
    features = [
        {
            "type": "Feature",
            "id": row.insee_code,
            "geometry": outlines.get(row.insee_code),
            "properties": {**row.as_dict(), "score": scores.get(row.insee_code)},
        }
        for row in rows
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def week_start(today: datetime.date) -> datetime.date:
    """The Monday of the next week (plans are for the coming weeks)."""
    return today + datetime.timedelta(days=7 - today.weekday())


def stop_dates(
    plan: StopPlan, first_monday: datetime.date, weeks: int
) -> list[tuple[int, datetime.datetime, datetime.datetime]]:
    """(stop index, begin, end) of every stop on each of `weeks` weeks, Paris time."""
    found = []
    for week in range(weeks):
        for index, stop in enumerate(plan.stops):
            day = first_monday + datetime.timedelta(days=7 * week + WORKING_DAYS.index(stop.weekday))
            begin = datetime.datetime.combine(day, stop.begins, tzinfo=PARIS)
            end = datetime.datetime.combine(day, stop.ends, tzinfo=PARIS)
            found.append((index, begin, end))
    return sorted(found, key=lambda item: item[1])


def plan_csv(plan: StopPlan, first_monday: datetime.date, weeks: int) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(SCHEDULE_FIELDS)
    for index, begin, end in stop_dates(plan, first_monday, weeks):
        stop = plan.stops[index]
        writer.writerow(
            [
                begin.date().isoformat(),
                begin.strftime("%H:%M"),
                end.strftime("%H:%M"),
                stop.order,
                stop.candidate.insee_code,
                stop.candidate.label,
                stop.candidate.latitude,
                stop.candidate.longitude,
                stop.gain,
                stop.population,
                " | ".join(stop.communes),
            ]
        )
    return stream.getvalue()


def plan_ics(
    plan: StopPlan, first_monday: datetime.date, weeks: int, *, now: datetime.datetime, domain: str
) -> str:
    events = []
    by_stop: dict[int, list[SlotRecord]] = {}
    for index, begin, end in stop_dates(plan, first_monday, weeks):
        uid = f"tournee-{plan.stops[index].candidate.insee_code}-{begin:%Y%m%dT%H%M}"
        by_stop.setdefault(index, []).append(SlotRecord(uid, begin, end))
    for index, slots in by_stop.items():
        stop = plan.stops[index]
        events.append(
            EventRecord(
                uid=f"tournee-{stop.candidate.insee_code}",
                title=f"Arrêt de l'unité mobile : {stop.candidate.label}",
                summary=(
                    f"Arrêt n° {stop.order} proposé par le planificateur de Maillage : "
                    f"{stop.population} habitants de {len(stop.communes)} commune(s) à moins de "
                    f"{plan.max_km:g} km (route, estimée) et sans lieu à cette distance."
                ),
                slots=tuple(slots),
                location=LocationRecord(
                    name=stop.candidate.label,
                    address="",
                    postal_code="",
                    city="",
                    insee_code=stop.candidate.insee_code,
                    latitude=stop.candidate.latitude,
                    longitude=stop.candidate.longitude,
                ),
                organiser="Unité mobile",
            )
        )
    return write_calendar(
        events,
        calendar_name="Tournée de l'unité mobile (proposition)",
        prodid="-//Maillage//Territoire//FR",
        now=now,
        domain=domain,
    )
