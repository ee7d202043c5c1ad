"""schema.org `Event` JSON-LD of an agenda event, for `<script type="application/ld+json">` in its page.

One `Event` per slot, as Google's event guidelines ask for events held on several dates: an event with
one slot gives one `Event`; with several, a `@graph` of `Event`s (each `@id` is the page URL with the slot
uid as fragment). Statuses: programmé → EventScheduled, reporté → EventPostponed, annulé →
EventCancelled, complet → EventScheduled with its offer `SoldOut`. Attendance: Offline / Online / Mixed,
with a `Place` (PostalAddress, GeoCoordinates) and / or a `VirtualLocation`.
"""

import re
from decimal import Decimal
from typing import Final

from maillage.interop.event_feeds.dates import to_paris
from maillage.interop.events import EventRecord, SlotRecord

SCHEMA: Final = "https://schema.org"
EVENT_STATUS: Final = {
    "programme": "https://schema.org/EventScheduled",
    "complet": "https://schema.org/EventScheduled",
    "reporte": "https://schema.org/EventPostponed",
    "annule": "https://schema.org/EventCancelled",
}
ATTENDANCE_MODE: Final = {
    "offline": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}
_AMOUNT: Final = re.compile(r"(\d+(?:[.,]\d{1,2})?)")

JsonObject = dict[str, object]


def price_amount(price: str) -> Decimal | None:
    """The first amount written in a price text (« 5 € », « 2,50 € la séance »), None when there is none."""
    found = _AMOUNT.search(price)
    return Decimal(found.group(1).replace(",", ".")) if found else None


def _place(event: EventRecord) -> JsonObject | None:
    place = event.location
    if place is None:
        return None
    address: JsonObject = {"@type": "PostalAddress", "addressCountry": "FR"}
    for key, value in (
        ("streetAddress", place.address),
        ("postalCode", place.postal_code),
        ("addressLocality", place.city),
    ):
        if value:
            address[key] = value
    result: JsonObject = {
        "@type": "Place",
        "name": place.name or place.address or place.city,
        "address": address,
    }
    if place.latitude is not None and place.longitude is not None:
        result["geo"] = {"@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude}
    return result


def _location(event: EventRecord) -> JsonObject | list[JsonObject] | None:
    found = [item for item in (_place(event), _virtual(event)) if item is not None]
    if not found:
        return None
    return found[0] if len(found) == 1 else found


def _virtual(event: EventRecord) -> JsonObject | None:
    return {"@type": "VirtualLocation", "url": event.online_url} if event.online_url else None


def _offer(event: EventRecord) -> JsonObject:
    link = next((item.value for item in event.registration if item.kind in ("link", "maillage")), event.url)
    offer: JsonObject = {"@type": "Offer", "priceCurrency": "EUR"}
    amount = Decimal(0) if event.free else price_amount(event.price)
    if amount is not None:
        offer["price"] = int(amount) if amount == amount.to_integral_value() else float(amount)
    if event.price:
        offer["description"] = event.price
    if link:
        offer["url"] = link
    if event.status != "annule":
        available = "SoldOut" if event.status == "complet" else "InStock"
        offer["availability"] = f"https://schema.org/{available}"
    return offer


def slot_jsonld(event: EventRecord, slot: SlotRecord) -> JsonObject:
    """The `Event` of one slot (without `@context`)."""
    data: JsonObject = {"@type": "Event"}
    if event.url:
        data["@id"] = f"{event.url}#{slot.uid}"
        data["url"] = event.url
    data["name"] = event.title
    data["startDate"] = to_paris(slot.begin).isoformat()
    data["endDate"] = to_paris(max(slot.end, slot.begin)).isoformat()
    data["eventStatus"] = EVENT_STATUS.get(event.status, EVENT_STATUS["programme"])
    data["eventAttendanceMode"] = ATTENDANCE_MODE[event.attendance_mode]
    location = _location(event)
    if location is not None:
        data["location"] = location
    if event.summary:
        data["description"] = event.summary
    if event.image_url:
        data["image"] = [event.image_url]
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser}
    data["offers"] = _offer(event)
    data["isAccessibleForFree"] = event.free
    if event.keywords:
        data["keywords"] = ", ".join(event.keywords)
    if event.audience:
        data["audience"] = [{"@type": "Audience", "audienceType": value} for value in event.audience]
    data["inLanguage"] = "fr"
    return data


def event_jsonld(event: EventRecord) -> JsonObject:
    """The JSON-LD document of an event: one `Event`, or a `@graph` of one `Event` per slot."""
    events = [slot_jsonld(event, slot) for slot in event.slots]
    if len(events) == 1:
        return {"@context": SCHEMA, **events[0]}
    return {"@context": SCHEMA, "@graph": events}
