"""The territory reference data, loaded from the real files shipped in maillage/data."""

from __future__ import annotations

import pytest

from maillage.territories import reference_data
from maillage.territories.models import Commune, Department, Epci
from maillage.territories.selectors import CommuneIndex, communes_in_territory
from maillage.territories.services import territories_load


@pytest.fixture(scope="module")
def france_index() -> CommuneIndex:
    """Every French commune in memory, built from the shipped files without the database."""
    rows = {row["insee_code"]: row for row in reference_data.read_france_communes()}
    rows.update({row["insee_code"]: row for row in reference_data.read_territory_communes()})
    return CommuneIndex([Commune(**row) for row in rows.values()])


@pytest.mark.django_db
def test_loire_has_320_communes_and_11_epci(loire: None) -> None:
    assert communes_in_territory().count() == 320
    assert Epci.objects.filter(communes__in_territory=True).distinct().count() == 11
    department = Department.objects.get()
    assert (department.code, department.name) == ("42", "Loire")
    assert department.outline["type"] in {"Polygon", "MultiPolygon"}


@pytest.mark.django_db
def test_commune_carries_every_reference_field(loire: None) -> None:
    # Values checked by hand against shared/data/loire/communes_42.csv, row 42001.
    aboen = Commune.objects.get(insee_code="42001")
    assert aboen.name == "Aboën"
    assert aboen.search_name == "aboen"
    assert aboen.postal_codes == ["42380"]
    assert aboen.population == 481
    assert aboen.epci is not None
    assert aboen.epci.name == "Saint-Étienne Métropole"
    assert (aboen.latitude, aboen.longitude) == (45.412496, 4.126799)
    assert (aboen.density_class, aboen.density_label) == (6, "Rural à habitat dispersé")
    assert aboen.ifn_total == 3.4
    assert (aboen.ifn_no_thd, aboen.ifn_no_4g, aboen.ifn_poverty) == (1.0, 6.0, 3.0)
    assert aboen.outline["type"] == "MultiPolygon"


@pytest.mark.django_db
def test_saint_etienne_has_three_postal_codes(loire: None) -> None:
    assert Commune.objects.get(insee_code="42218").postal_codes == ["42000", "42100", "42230"]


@pytest.mark.django_db
def test_loire_population_total(loire: None) -> None:
    total = sum(communes_in_territory().values_list("population", flat=True))
    assert total == 774_133  # the légale population in force on 2026-01-01 (PROVENANCE)


@pytest.mark.django_db
def test_load_is_idempotent(loire: None) -> None:
    before = list(Commune.objects.order_by("insee_code").values_list("insee_code", "name", "population"))
    result = territories_load(with_france=False)
    assert result.territory_communes == 320
    after = list(Commune.objects.order_by("insee_code").values_list("insee_code", "name", "population"))
    assert before == after


@pytest.mark.django_db
def test_france_communes_for_lookup_outside_the_territory(db: None) -> None:
    result = territories_load(with_france=True)
    assert result.territory_communes == 320
    assert result.communes > 34_000
    lyon = Commune.objects.get(insee_code="69123")
    assert lyon.name == "Lyon"
    assert not lyon.in_territory
    assert lyon.outline is None


@pytest.mark.parametrize(
    ("name", "postal_code", "insee_code", "expected"),
    [
        ("Saint-Étienne", "42100", "", "42218"),
        ("ST ETIENNE", "42000", "", "42218"),
        ("Saint-Just-Saint-Rambert", "42170", "", "42279"),
        ("Saint-Chamond", "", "", "42207"),
        # A wrong INSEE code (the first commune of a shared postal code) loses to the written name.
        ("Saint-Chamond", "42400", "42218", "42207"),
        # Only the INSEE code, leading zero lost (as in La Poste's file): still found.
        ("", "", "42218", "42218"),
        ("Saint-Marcel", "71380", "", "71445"),
    ],
)
def test_commune_index_resolves_real_addresses(
    france_index: CommuneIndex, name: str, postal_code: str, insee_code: str, expected: str
) -> None:
    commune = france_index.resolve(name=name, postal_code=postal_code, insee_code=insee_code)
    assert commune is not None
    assert commune.insee_code == expected


def test_commune_index_refuses_to_guess(france_index: CommuneIndex) -> None:
    index = france_index
    assert index.resolve(name="Saint-Marcel") is None  # ten communes bear this name
    assert index.resolve(name="Nulle-Part-sur-Loire", postal_code="99999") is None
