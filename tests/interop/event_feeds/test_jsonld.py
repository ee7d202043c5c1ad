import json
from datetime import datetime

import pytest

from maillage.interop.event_feeds.jsonld import event_jsonld, price_amount
from maillage.interop.events import RegistrationRecord
from tests.interop.event_feeds import schemaorg
from tests.interop.event_feeds.samples import PARIS, event, slot

ONE_SLOT = (slot("slot-a", datetime(2026, 3, 3, 14, 0, tzinfo=PARIS)),)


def test_the_extract_is_self_consistent():
    terms = schemaorg.terms()
    known = set(terms["types"]) | set(terms["datatypes"]) | set(terms["enumerations"])
    for name, definition in terms["types"].items():
        assert definition["parent"] is None or definition["parent"] in terms["types"], name
    used = {
        kind for name in terms["types"] for kinds in schemaorg.properties_of(name).values() for kind in kinds
    }
    # Types outside the extract may be expected, but none of our values may use them (checked by validate).
    assert {
        "Place",
        "PostalAddress",
        "GeoCoordinates",
        "VirtualLocation",
        "Offer",
        "Organization",
    } <= used & known


@pytest.mark.parametrize(
    "record",
    [
        event(),
        event(slots=ONE_SLOT),
        event(slots=ONE_SLOT, location=None, online_url="https://visio.exemple.test/salle"),
        event(slots=ONE_SLOT, online_url="https://visio.exemple.test/salle"),
        event(slots=ONE_SLOT, status="complet"),
        event(slots=ONE_SLOT, status="annule", organiser="", image_url="", keywords=(), audience=()),
        event(slots=ONE_SLOT, status="reporte", free=False, price="3,50 € la séance"),
        event(slots=ONE_SLOT, free=False, price="Participation libre"),
    ],
    ids=[
        "two-slots",
        "offline",
        "online",
        "mixed",
        "full",
        "cancelled-bare",
        "postponed-paid",
        "paid-no-amount",
    ],
)
def test_jsonld_is_valid_schema_org_event(record):
    document = json.loads(json.dumps(event_jsonld(record)))
    assert schemaorg.validate(document) == []


def test_validator_catches_wrong_properties_types_and_missing_required():
    document = event_jsonld(event(slots=ONE_SLOT))
    document["eventStatus"] = "https://schema.org/EventPaused"
    document["startTime"] = "2026-03-03T14:00:00+01:00"
    document["endDate"] = "2026-03-03T14:00:00"  # no offset
    document["location"]["geo"]["latitude"] = True
    document["offers"]["itemOffered"] = "atelier"
    document["organizer"] = {"@type": "Audience", "audienceType": "Seniors"}
    del document["name"]
    assert sorted(schemaorg.validate(document)) == [
        "$.endDate: value '2026-03-03T14:00:00' is none of ['Date', 'DateTime']",
        "$.eventStatus: value 'https://schema.org/EventPaused' is none of ['EventStatusType']",
        "$.location.geo.latitude: value True is none of ['Number', 'Text']",
        "$.offers.itemOffered: not a property of Offer",
        "$.organizer: a 'Audience' node where ['Organization', 'Person'] is expected",
        "$.startTime: not a property of Event",
        "$: Event lacks name, required by Google",
    ]


def test_one_event_per_slot_in_a_graph_when_several():
    document = event_jsonld(event())
    graph = document["@graph"]
    assert [node["startDate"] for node in graph] == ["2026-03-28T14:00:00+01:00", "2026-03-29T14:00:00+02:00"]
    assert [node["@id"] for node in graph] == [
        "https://agenda.exemple.test/agenda/atelier-exemple/#slot-a",
        "https://agenda.exemple.test/agenda/atelier-exemple/#slot-b",
    ]


def test_statuses_attendance_and_offers():
    full = event_jsonld(event(slots=ONE_SLOT, status="complet"))
    assert full["eventStatus"] == "https://schema.org/EventScheduled"
    assert full["offers"]["availability"] == "https://schema.org/SoldOut"
    assert full["offers"]["price"] == 0
    assert full["offers"]["priceCurrency"] == "EUR"
    assert full["offers"]["url"] == "https://inscription.exemple.test/atelier"
    assert full["isAccessibleForFree"] is True
    postponed = event_jsonld(event(slots=ONE_SLOT, status="reporte"))
    assert postponed["eventStatus"] == "https://schema.org/EventPostponed"
    cancelled = event_jsonld(event(slots=ONE_SLOT, status="annule"))
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert "availability" not in cancelled["offers"]
    mixed = event_jsonld(event(slots=ONE_SLOT, online_url="https://visio.exemple.test/salle"))
    assert mixed["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [node["@type"] for node in mixed["location"]] == ["Place", "VirtualLocation"]
    online = event_jsonld(event(slots=ONE_SLOT, location=None, online_url="https://visio.exemple.test/salle"))
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://visio.exemple.test/salle"}


def test_place_address_geo_and_paid_offer():
    paid = event(
        slots=ONE_SLOT,
        free=False,
        price="3,50 € la séance",
        registration=(RegistrationRecord("phone", "04 00 00 00 00"),),
    )
    document = event_jsonld(paid)
    assert document["location"]["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "FR",
        "streetAddress": "1 rue de l'Exemple",
        "postalCode": "42000",
        "addressLocality": "Saint-Étienne",
    }
    assert document["location"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 45.4397,
        "longitude": 4.3872,
    }
    assert document["offers"]["price"] == 3.5
    assert document["offers"]["url"] == paid.url
    assert document["isAccessibleForFree"] is False
    assert document["inLanguage"] == "fr"


@pytest.mark.parametrize(
    ("text", "amount"), [("5 €", "5"), ("2,50 € la séance", "2.50"), ("Participation libre", None)]
)
def test_price_amount(text, amount):
    found = price_amount(text)
    assert (str(found) if found is not None else None) == amount


def test_validator_asks_for_the_place_address_and_the_virtual_location_url():
    document = event_jsonld(event(slots=ONE_SLOT, online_url="https://visio.exemple.test/salle"))
    del document["location"][0]["address"]
    del document["location"][1]["url"]
    assert schemaorg.validate(document) == [
        "$.location[0]: Place lacks address, required by Google",
        "$.location[1]: VirtualLocation lacks url, required by Google",
    ]
