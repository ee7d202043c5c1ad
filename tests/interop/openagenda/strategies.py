"""Hypothesis strategies: made-up `EventRecord`s (random, fictional text) for the OpenAgenda round trip."""

import string
from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from maillage.interop.events import (
    EVENT_STATUSES,
    EventRecord,
    LocationRecord,
    RegistrationRecord,
    SlotRecord,
)
from maillage.interop.openagenda.mapping import ACCESSIBILITY_CODES, ACCESSIBILITY_FROM_OPENAGENDA
from tests.interop.event_feeds.samples import PARIS

ALPHABET = string.ascii_letters + string.digits + "àâçéèêëîïôûùüÿœÉÀ'’-–,;:!?()/&\"\\€«» "
words = st.text(ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)
sentence = st.lists(words, min_size=1, max_size=8).map(lambda parts: " ".join(" ".join(parts).split()))
optional_sentence = st.one_of(st.just(""), sentence)
markdown = st.lists(sentence, max_size=4).map("\n\n".join)
url = st.builds(
    lambda path: f"https://exemple.test/{path}", st.text(string.ascii_lowercase, min_size=1, max_size=12)
)
digits5 = st.text(string.digits, min_size=5, max_size=5)

moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
).map(lambda moment: moment.astimezone(PARIS))


@st.composite
def slots(draw: st.DrawFn) -> tuple[SlotRecord, ...]:
    found = []
    for rank in range(draw(st.integers(1, 4))):
        begin = draw(moments)
        found.append(SlotRecord(f"slot-{rank}", begin, begin + timedelta(minutes=draw(st.integers(0, 3000)))))
    return tuple(found)


@st.composite
def locations(draw: st.DrawFn) -> LocationRecord:
    located = draw(st.booleans())
    return LocationRecord(
        name=draw(sentence),
        address=draw(optional_sentence),
        postal_code=draw(digits5),
        city=draw(words),
        insee_code=draw(st.one_of(st.just(""), digits5)),
        latitude=draw(st.floats(-90, 90)) if located else None,
        longitude=draw(st.floats(-180, 180)) if located else None,
        place_id=draw(st.one_of(st.just(""), st.uuids().map(str))),
    )


@st.composite
def free_and_price(draw: st.DrawFn) -> tuple[bool, str]:
    """Coherent pairs: a paid event states its price; « Gratuit » alone is the same as no text."""
    free = draw(st.booleans())
    price = draw(sentence if not free else optional_sentence)
    if price.casefold().startswith("gratuit"):
        price = "Tarif " + price
    return free, price


registrations = st.builds(
    RegistrationRecord,
    kind=st.sampled_from(("link", "phone", "email", "maillage")),
    value=words,
)


@st.composite
def event_records(draw: st.DrawFn) -> EventRecord:
    free, price = draw(free_and_price())
    codes = draw(st.sets(st.sampled_from(ACCESSIBILITY_CODES)))
    accessibility = tuple(
        ACCESSIBILITY_FROM_OPENAGENDA[code] for code in ACCESSIBILITY_CODES if code in codes
    )
    return EventRecord(
        uid=str(draw(st.uuids())),
        title=draw(sentence.map(lambda text: text[:140].strip()).filter(bool)),
        summary=draw(st.one_of(st.just(""), sentence.map(lambda text: text[:200].strip()))),
        slots=draw(slots()),
        status=draw(st.sampled_from(EVENT_STATUSES)),
        description_markdown=draw(markdown),
        description_html=draw(st.one_of(st.just(""), sentence.map(lambda text: f"<p>{text}</p>"))),
        url=draw(st.one_of(st.just(""), url)),
        location=draw(st.one_of(st.none(), locations())),
        online_url=draw(st.one_of(st.just(""), url)),
        organiser=draw(optional_sentence),
        keywords=tuple(draw(st.lists(words, max_size=4))),
        audience=tuple(draw(st.lists(words, max_size=2))),
        accessibility=accessibility
        + tuple(draw(st.lists(st.sampled_from(("boucle magnétique",)), max_size=1))),
        free=free,
        price=price,
        registration=tuple(draw(st.lists(registrations, max_size=3))),
        image_url=draw(st.one_of(st.just(""), url.map(lambda link: f"{link}/image.jpg"))),
        image_alt=draw(optional_sentence),
        updated_at=draw(st.one_of(st.none(), moments)),
        created_at=draw(st.one_of(st.none(), moments)),
        external_id=draw(st.one_of(st.just(""), st.integers(1, 10**9).map(str))),
        extra=draw(st.just({}) | st.just({"origine": "essai"})),
    )
