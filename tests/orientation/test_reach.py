"""When a card tells the person to call first (`orientation.reach`), without a database."""

from __future__ import annotations

from maillage.orientation.reach import asks_to_call


def test_call_before_is_read_from_the_cards_texts_and_access_modes() -> None:
    assert asks_to_call(["Horaires non renseignés : appeler avant"], [])
    assert asks_to_call(["Modalités d'accès non renseignées : téléphoner avant de se déplacer."], [])
    assert asks_to_call(["Rendez-vous : appeler"], [])
    assert asks_to_call([], ["Se présenter", "Téléphoner"])
    assert not asks_to_call(["Prochaine ouverture : lundi 9 h", "Sans rendez-vous"], ["Se présenter"])
    assert not asks_to_call(["Rappeler le formulaire"], [])  # a word, not a part of one
