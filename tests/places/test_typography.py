"""Names, streets and phone numbers in French typography (domain, no database), on real Loire values.

Every value below was copied from a source shipped in src/maillage/data/sources/ (which one is said);
the last tests read those sources themselves.
"""

from __future__ import annotations

import csv
import re
from functools import cache

import pytest

from maillage.census.formats import FORMAT_READERS
from maillage.home.demo import DEMO_SOURCES
from maillage.places.domain.phone import phone_display, phone_uri
from maillage.places.domain.typography import (
    ACRONYMS,
    CommuneNames,
    card_typography,
    is_shouting,
    typographic_name,
    typographic_street,
)
from maillage.territories.reference_data import LOIRE_DIR


@cache
def loire() -> CommuneNames:
    with (LOIRE_DIR / "communes_42.csv").open(encoding="utf-8") as stream:
        return CommuneNames(row["nom"] for row in csv.DictReader(stream))


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        # Aidants Connect 2024
        ("AFR POUIILY SOUS CHARLIEU", "AFR Pouiily sous Charlieu"),  # the source's typo stays a typo
        ("ASSOCIATION FAMILLES RURALES ESTIVAREILLES", "Association Familles Rurales Estivareilles"),
        ("CCAS RIORGES", "CCAS Riorges"),
        ("SITE ROANNE PARC", "Site Roanne Parc"),
        ("CENTRE SOCIAL CONDORCET", "Centre social Condorcet"),
        ("FRANCE SERVICES FIRMINY", "France services Firminy"),
        ("LA SOUPE AU CAILLOU", "La Soupe au Caillou"),
        ("MAIRIE DE SAINT ETIENNE/CCAS", "Mairie de Saint-Étienne/CCAS"),
        ("FACE LOIRE", "FACE Loire"),
        ("association marceau mulsant", "Association Marceau Mulsant"),
        (
            "COMMUNAUTÉ DE COMMUNES DE FOREZ EST (France Services Chazelles-sur-Lyon)",
            "Communauté de communes de Forez Est (France services Chazelles-sur-Lyon)",
        ),
        # Hinaura 2022: ALL-CAPS words inside a typed name
        ("AFR CORDELLE Saint-Cyr-de-Favières", "AFR Cordelle Saint-Cyr-de-Favières"),
        ("Point de médiation numérique FONTANES", "Point de médiation numérique Fontanès"),
        ("France Services à Noirétable", "France services à Noirétable"),
        # Conseillers numériques 2023
        ("COMMUNE D ANDREZIEUX BOUTHEON", "Commune d'Andrézieux-Bouthéon"),
        ("DEPARTEMENT DE LA LOIRE", "Département de la Loire"),
        ("OFFICE MUNICIPAL DES SPORTS", "Office municipal des sports"),
        ("FAMILLES RURALES DU PAYS DE LA PACAUDIERE", "Familles Rurales du Pays de La Pacaudière"),
        ("LOIRE FOREZ AGGLOMERATION LFA", "Loire Forez Agglomération LFA"),
        # Bibliothèques publiques
        ("MEDIATHEQUE MUNICIPALE  YVES DUTEIL", "Médiathèque municipale Yves Duteil"),
        ("MEDIATHEQUE SAINT ROMAIN EN JAREZ", "Médiathèque Saint-Romain-en-Jarez"),
        ("BIBLIOTHEQUE DE JURE", "Bibliothèque de Juré"),
        ("MAISON FRANCOIS 1ER", "Maison François 1er"),
        ("MAIRIE DE LORETTE BP 24", "Mairie de Lorette BP 24"),
    ],
)
def test_names_that_change(raw: str, shown: str) -> None:
    assert typographic_name(raw, loire()) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "MJC Le Sou",  # the brief's examples of what a person typed
        "L'Arlequin",
        "Espace Boris-Vian",
        # Real typed values of the sources, right as they are
        "Centre social l'Arlequin",  # Aidants Connect
        "Espace Boris Vian",  # Aidants Connect
        "Maison de la Famille - UDAF42",  # Hinaura
        "CCAS d'Andrezieux Boutheon",  # Aidants Connect (an accent missing is not a case to change)
        "esp@ceC2R - Maison du Crêt de Roch",  # Hinaura
        "CoPLER",  # Aidants Connect
        "OSPA",  # Aidants Connect: an acronym alone
        "PLIE CC Forez-Est",  # Aidants Connect: acronyms only
        "L’Espace Numérique Publique - Andrézieux-Bouthéon",  # Aidants Connect
        "Bibliothèque De Marols",  # Bibliothèques: Title Case as typed is left alone
        "France services Saint-Genest-Malifaux - Antenne de Bourg Argental",  # France services
    ],
)
def test_names_that_must_not_change(typed: str) -> None:
    assert typographic_name(typed, loire()) == typed


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("15 RUE DU 19 MARS 1962", "15 rue du 19-Mars-1962"),  # Aidants Connect (AFR Pouilly)
        ("7 rue du 19 mars 1962", "7 rue du 19-Mars-1962"),  # Hinaura, same street
        ("Allée du 8 mai 1945", "Allée du 8-Mai-1945"),  # France services
        ("1 PLACE DU 8 MAI", "1 place du 8-Mai"),  # Bibliothèques
        ("52 rue du 11 novembre", "52 rue du 11-Novembre"),  # Bibliothèques
        ("32 RUE DE LA RESISTANCE", "32 rue de la Résistance"),  # Aidants Connect
        ("6 RUE DE LA TETE NOIRE", "6 rue de la Tête Noire"),  # Aidants Connect
        ("2 bd pasteur", "2 boulevard Pasteur"),  # Aidants Connect
        ("18 AV AUGUSTIN DUPRE", "18 avenue Augustin Dupre"),  # Aidants Connect
        ("7 PL MAL FOCH", "7 place Maréchal Foch"),  # CNFS 2023
        ("PL DE L HOTEL DE VILLE MAIRIE DE RIVE DE GIER", "Place de l'Hôtel de ville Mairie de Rive-de-Gier"),
        ("35 RUE P ET D PONCHARDIER", "35 rue P et D Ponchardier"),  # CNFS 2023: initials
        ("03 place de la mairie", "3 place de la Mairie"),  # Bibliothèques
        ("28bis rue du Mayollet", "28 bis rue du Mayollet"),  # Hinaura
        ("19 bis, Rue de la Semène", "19 bis rue de la Semène"),  # Bibliothèques
        ("20-24 RUE JO GOUTTEBARGE", "20-24 rue Jo Gouttebarge"),  # Bibliothèques
        ("7 Place de la Libération", "7 place de la Libération"),  # Hinaura: type after the number
        ("MAIRIE", "Mairie"),  # Aidants Connect (Estivareilles)
        ("LE BOURG", "Le Bourg"),  # Bibliothèques
    ],
)
def test_streets_that_change(raw: str, shown: str) -> None:
    assert typographic_street(raw, loire()) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "9 rue Alexander Fleming",  # Hinaura
        "rue de Vichy",  # Bibliothèques: a typed line keeps its first letter
        "Place de l'Hôtel de Ville BP 47",  # Hinaura
        "2a Avenue de la Libération",  # Hinaura: « 2a » is not a « bis »
        "Maison des associations",  # Hinaura
        "10 rue Félix Pyat",  # Hinaura
    ],
)
def test_streets_that_must_not_change(typed: str) -> None:
    assert typographic_street(typed, loire()) == typed


def test_a_card_shows_the_official_commune_and_keeps_typed_fields() -> None:
    # Aidants Connect's record of the Estivareilles association, as the source wrote it.
    fields = {
        "name": "ASSOCIATION FAMILLES RURALES ESTIVAREILLES",
        "address": "MAIRIE",
        "commune_name": "Rozier Cotes D Aurec",
        "insee_code": "42192",
        "parent_structure": "",
    }
    official = "Rozier-Côtes-d'Aurec"
    shown = card_typography(fields, typed=set(), communes=loire(), official_commune_name=official)
    assert shown == {
        "name": "Association Familles Rurales Estivareilles",
        "address": "Mairie",
        "commune_name": "Rozier-Côtes-d'Aurec",
    }
    # What an editor typed in Maillage is shown as typed, even in capitals.
    typed = card_typography(
        fields, typed={"name", "commune_name"}, communes=loire(), official_commune_name=official
    )
    assert typed == {"address": "Mairie"}


@cache
def loire_source_values() -> list[tuple[str, str]]:
    values: list[tuple[str, str]] = []
    for fmt, path in DEMO_SOURCES:
        for row in FORMAT_READERS[fmt](path):
            record = row.record or {}
            if not str(record.get("code_postal") or "").startswith("42"):
                continue
            for field in ("nom", "adresse", "complement_adresse"):
                if record.get(field):
                    values.append((field, str(record[field])))
    return values


def test_no_loire_source_value_stays_in_capitals() -> None:
    values = loire_source_values()
    shouting = [value for _, value in values if is_shouting(value)]
    assert len(shouting) > 100  # the sources really shout (215 of 993 values when this was written)
    for field, value in values:
        if not is_shouting(value):
            continue
        shown = typographic_street(value, loire()) if field == "adresse" else typographic_name(value, loire())
        words = re.split(r"[\s'’/()-]+", shown)
        assert all(word in ACRONYMS for word in words if word.isupper() and len(word) > 1), (value, shown)


def test_mixed_case_source_values_keep_their_words() -> None:
    """Typed values change only where a rule says so: the letters of other words are untouched."""
    for field, value in loire_source_values():
        if is_shouting(value) or value.islower():
            continue
        shown = typographic_street(value, loire()) if field == "adresse" else typographic_name(value, loire())
        if field != "adresse":
            changed = [
                (a, b)
                for a, b in zip(value.split(), shown.split(), strict=False)
                if a != b and not a.isupper()
            ]
            assert all(a.lower() == "services" for a, _ in changed), (value, shown)


@pytest.mark.parametrize(
    ("raw", "shown", "uri"),
    [
        ("+33684524784", "06 84 52 47 84", "tel:+33684524784"),  # Hinaura, AFR Cordelle
        ("+33477557272", "04 77 55 72 72", "tel:+33477557272"),  # Hinaura
        ("04 77 55 72 72", "04 77 55 72 72", "tel:+33477557272"),
        ("0033 4 77 55 72 72", "04 77 55 72 72", "tel:+33477557272"),
        ("+262262123456", "02 62 12 34 56", "tel:+262262123456"),  # made-up Réunion number (format only)
        ("3939", "3939", "tel:3939"),  # a short number stays as it is
        ("appeler la mairie", "appeler la mairie", ""),
        ("", "", ""),
    ],
)
def test_phone_numbers_the_french_way(raw: str, shown: str, uri: str) -> None:
    assert phone_display(raw) == shown
    assert phone_uri(raw) == uri
