import json
from datetime import datetime

from maillage.interop.events import RegistrationRecord
from maillage.interop.openagenda.mapping import (
    DESCRIPTION_MAX,
    conditions_text,
    free_and_price,
    short_description,
)
from maillage.interop.openagenda.writer import write_openagenda
from tests.interop.event_feeds.samples import event


def exported(*records):
    return json.loads(json.dumps(write_openagenda(records), ensure_ascii=False))


def test_export_shape_of_an_in_person_event():
    data = exported(event())
    assert data["total"] == 1
    item = data["events"][0]
    assert item["uid"] == "7a1c2d9e-0000-4000-8000-000000000001"
    assert item["extIds"] == [{"key": "maillage-uid", "value": "7a1c2d9e-0000-4000-8000-000000000001"}]
    assert item["title"] == {"fr": "Atelier exemple (événement fictif de test)"}
    assert item["description"] == {"fr": "Premiers pas sur internet, en petit groupe (événement fictif)."}
    assert item["longDescription"]["fr"].startswith("Atelier fictif : découvrez")
    assert item["keywords"] == {"fr": ["Prendre en main un ordinateur", "Accéder à une connexion internet"]}
    assert item["timings"] == [
        {"begin": "2026-03-28T14:00:00+01:00", "end": "2026-03-28T16:00:00+01:00"},
        {"begin": "2026-03-29T14:00:00+02:00", "end": "2026-03-29T16:00:00+02:00"},
    ]
    assert item["location"] == {
        "name": "Médiathèque exemple (lieu fictif)",
        "address": "1 rue de l'Exemple",
        "postalCode": "42000",
        "city": "Saint-Étienne",
        "insee": "42218",
        "latitude": 45.4397,
        "longitude": 4.3872,
        "countryCode": "FR",
        "timezone": "Europe/Paris",
    }
    assert item["attendanceMode"] == 1
    assert item["onlineAccessLink"] is None
    assert item["registration"] == [{"type": "link", "value": "https://inscription.exemple.test/atelier"}]
    assert item["status"] == 1
    assert item["accessibility"] == {"hi": True, "ii": False, "mi": True, "pi": False, "vi": False}
    assert item["conditions"] == {"fr": "Gratuit"}
    assert item["image"] == {"base": "https://agenda.exemple.test/media/agenda/", "filename": "atelier.jpg"}
    assert item["updatedAt"] == "2026-02-12T17:45:00+01:00"
    assert datetime.fromisoformat(item["createdAt"]) == event().created_at


def test_statuses_attendance_modes_registration_kinds_and_imported_uid():
    records = [
        event(status="reporte", location=None, online_url="https://visio.exemple.test/s"),
        event(status="complet", online_url="https://visio.exemple.test/s", external_id="48151623"),
        event(
            status="annule",
            registration=(
                RegistrationRecord("maillage", "https://a.exemple.test/i/"),
                RegistrationRecord("phone", "04 00 00 00 00"),
                RegistrationRecord("email", "contact@exemple.test"),
            ),
        ),
    ]
    items = exported(*records)["events"]
    assert [item["status"] for item in items] == [4, 5, 6]
    assert [item["attendanceMode"] for item in items] == [2, 3, 1]
    assert items[0]["location"] is None
    assert items[1]["onlineAccessLink"] == "https://visio.exemple.test/s"
    assert items[1]["uid"] == 48151623
    assert [entry["type"] for entry in items[2]["registration"]] == ["link", "phone", "email"]


def test_short_description_is_cut_to_200_characters_on_a_word():
    long_summary = "Un résumé fictif très long " * 20
    cut = short_description(long_summary)
    assert len(cut) <= DESCRIPTION_MAX
    assert cut.endswith("…")
    assert long_summary.startswith(cut.removesuffix("…"))
    assert exported(event(summary=long_summary))["events"][0]["description"]["fr"] == cut


def test_title_and_conditions_are_cut_to_openagenda_limits():
    item = exported(event(title="Atelier fictif " * 20, free=False, price="Tarif fictif " * 30))["events"][0]
    assert len(item["title"]["fr"]) <= 140
    assert item["title"]["fr"].endswith("…")
    assert len(item["conditions"]["fr"]) <= 255


def test_conditions_text_and_its_reverse():
    assert conditions_text(free=True, price="") == "Gratuit"
    assert conditions_text(free=True, price="sur inscription") == "Gratuit — sur inscription"
    assert conditions_text(free=True, price="Gratuit pour les adhérents") == "Gratuit pour les adhérents"
    assert conditions_text(free=False, price="5 €") == "5 €"
    for free, price in [
        (True, ""),
        (True, "sur inscription"),
        (True, "Gratuit pour les adhérents"),
        (False, "5 €"),
    ]:
        assert free_and_price(conditions_text(free=free, price=price)) == (free, price)
