"""Suggestions on the real census (Hinaura 2022, Loire): one structure per real place, hand-checked.

Hand check (tests/data/mediation_numerique, after mapping to the standard v1.0 services): in Montbrison
(42147, Loire Forez Agglomération 200065886) none of the three places offers « Aide aux démarches
administratives »; seven other places of the same EPCI do (France Services à Noirétable, Boën…). So for
that theme in Montbrison: those seven first (3 theme + 2 EPCI), then Montbrison's three places (4 for the
commune, by name), then places offering the theme elsewhere (3). In Roanne, five places offer it (7).
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from maillage.network.models import PartnershipRequest
from maillage.network.selectors import suggestions_for
from maillage.network.services.sample import structures_from_places
from maillage.places.models import Place
from maillage.territories.models import Commune

THEME = "Aide aux démarches administratives"


def _request(insee: str) -> PartnershipRequest:
    return PartnershipRequest.objects.create(
        organisation="Exemple fictif",
        contact_name="Exemple fictif",
        contact_email="demande@example.org",
        commune=Commune.objects.get(pk=insee),
        theme=THEME,
        description="Exemple fictif.",
        consent_at=timezone.now() - datetime.timedelta(days=1),
    )


@pytest.fixture
def census_structures(loire_census: None) -> None:
    structures_from_places(Place.objects.filter(status="published"))


@pytest.mark.usefixtures("census_structures")
def test_montbrison_demarches() -> None:
    ranked = suggestions_for(_request("42147"), limit=20)
    labels = [s.candidate.label for s in ranked]
    # The seven places of Loire Forez Agglomération offering the theme (3 + 2), by name.
    assert labels[:7] == [
        "AFR Estivareilles",
        "Association Familles Rurales Apinac",
        "Association Familles Rurales Estivareilles",
        "Association Familles Rurales Usson en Forez",
        # Hinaura's « France Services … », shown with the programme's spelling
        "France services Boen",
        "France services à Noirétable",
        "France services à St Bonnet le Chateau",
    ]
    assert {s.score for s in ranked[:7]} == {5}
    assert ranked[5].reasons == (
        f"un de ses lieux propose : {THEME}",
        "présent dans l'intercommunalité CA Loire Forez Agglomération (LFA)",
    )
    # Then Montbrison's own three places, which do not offer it (4 for the commune).
    assert [(s.candidate.label, s.score, s.reasons) for s in ranked[7:10]] == [
        ("Centre Social de Montbrison", 4, ("a un lieu à Montbrison",)),
        ("Marie de Montbrison - CCAS", 4, ("a un lieu à Montbrison",)),
        ("Médiathèque Loire Forez Agglo Montbrison", 4, ("a un lieu à Montbrison",)),
    ]
    # Then places offering the theme elsewhere in the Loire (3), e.g. Roanne's.
    assert {s.score for s in ranked[10:]} == {3}


@pytest.mark.usefixtures("census_structures")
def test_roanne_demarches() -> None:
    ranked = suggestions_for(_request("42187"), limit=30)
    scores = {s.candidate.label: s.score for s in ranked}
    sevens = sorted(label for label, score in scores.items() if score == 7)
    assert sevens == [
        "Centre social la Livatte",
        "Espace Numérique de Roannais Agglomération",
        "Espace multimédia médiathèque Roannais agglomération - Roanne",
        "Espace public numérique du Mayollet (Maison des Services Publics Saint-Clair)",
        "Maison des services public Parc des Sports",
    ]
    assert scores["Centre social de Mably"] == 5  # the theme, same EPCI (Roannais Agglomération)
    assert scores["Ligue de l'enseignement de la Loire"] == 4  # in Roanne, not the theme
    assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)
