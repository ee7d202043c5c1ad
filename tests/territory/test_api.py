"""`/api/v1/territoire/...` from the outside, on the real Loire communes and Hinaura places."""

from __future__ import annotations

import pytest
from django.test import Client

from maillage.territory import selectors
from maillage.territory.domain.ranking import Weights

pytestmark = pytest.mark.django_db
DEMARCHES = "Aide aux démarches administratives"


def test_communes_ranked_with_their_parts(client: Client, loire_census: None) -> None:
    body = client.get("/api/v1/territoire/communes", {"service": DEMARCHES, "poids_fragilite": 3}).json()
    assert body["count"] == 320
    expected = selectors.underserved(selectors.territory_analysis(), DEMARCHES, Weights(3, 1, 1))
    first = body["items"][0]
    assert first["code_insee"] == expected[0].row.insee_code
    assert first["rang"] == 1
    recomputed = 100 * (3 * first["part_fragilite"] + first["part_population"] + first["part_distance"]) / 5
    assert first["score"] == pytest.approx(recomputed, abs=0.01)


def test_one_commune_for_every_service(client: Client, loire_census: None) -> None:
    body = client.get("/api/v1/territoire/communes/42218").json()
    assert [item["service"] for item in body] == [family for family, _ in selectors.FAMILIES]
    assert body[0]["nom"] == "Saint-Étienne"
    missing = client.get("/api/v1/territoire/communes/99999")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Aucune commune du territoire n'a le code INSEE « 99999 »."}


def test_population_far_and_plan(client: Client, loire_census: None) -> None:
    shares = client.get("/api/v1/territoire/population-eloignee", {"seuil": 5}).json()
    assert shares[0]["code"] == ""
    assert shares[0]["habitants"] == sum(row["habitants"] for row in shares[1:])
    plan = client.get("/api/v1/territoire/tournee", {"arrets": 3, "distance": 8, "service": DEMARCHES}).json()
    assert 1 <= len(plan["arrets"]) <= 3
    assert plan["population_fragile_gagnee"] == pytest.approx(
        sum(stop["population_fragile_gagnee"] for stop in plan["arrets"]), abs=0.2
    )


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"service": "Cuisine"}, "service"),
        ({"poids_fragilite": 9}, "poids_fragilite"),
        ({"poids_fragilite": 0, "poids_population": 0, "poids_distance": 0}, "au moins un poids"),
    ],
)
def test_bad_parameters_are_422_in_french(
    client: Client, loire: None, params: dict[str, object], where: str
) -> None:
    response = client.get("/api/v1/territoire/communes", params)
    assert response.status_code == 422
    assert where in response.content.decode()
