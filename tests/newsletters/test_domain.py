"""Pure rules of the newsletters, without a database."""

from __future__ import annotations

import pytest

from maillage.newsletters.domain.blocks import (
    MAX_BLOCKS,
    Block,
    BlockError,
    Resolved,
    block_from,
    blocks_append,
    blocks_move,
    blocks_remove,
    plain_text,
)
from maillage.newsletters.domain.consent import parse_consent_csv
from maillage.newsletters.domain.throttle import allowance


def test_blocks_are_added_moved_and_removed() -> None:
    blocks: list[dict[str, str]] = []
    blocks = blocks_append(blocks, Block("event", "e1"))
    blocks = blocks_append(blocks, Block("news", "7"))
    blocks = blocks_append(blocks, Block("text", text="Bonjour"))
    assert [b["ref"] or b["text"] for b in blocks] == ["e1", "7", "Bonjour"]
    assert [b["kind"] for b in blocks_move(blocks, 2, -1)] == ["event", "text", "news"]
    assert blocks_move(blocks, 0, -1) == blocks  # already first
    assert blocks_move(blocks, 2, 1) == blocks  # already last
    assert [b["kind"] for b in blocks_remove(blocks, 0)] == ["news", "text"]
    with pytest.raises(BlockError, match="n° 4"):
        blocks_remove(blocks, 3)


def test_the_same_content_is_not_added_twice_but_free_text_may_be() -> None:
    blocks = blocks_append([], Block("event", "e1"))
    with pytest.raises(BlockError, match="déjà"):
        blocks_append(blocks, Block("event", "e1"))
    blocks = blocks_append(blocks_append(blocks, Block("text", text="a")), Block("text", text="a"))
    assert len(blocks) == 3


def test_a_letter_holds_a_bounded_number_of_blocks() -> None:
    blocks = [Block("text", text=str(n)).as_json() for n in range(MAX_BLOCKS)]
    with pytest.raises(BlockError, match=str(MAX_BLOCKS)):
        blocks_append(blocks, Block("text", text="de trop"))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"kind": "video", "ref": "1"}, "inconnu"),
        ({"kind": "text", "text": "  "}, "vide"),
        ({"kind": "event", "ref": ""}, "ne désigne rien"),
        ("event", "inconnu"),
    ],
)
def test_bad_blocks_are_refused_with_a_reason(raw: object, message: str) -> None:
    with pytest.raises(BlockError, match=message):
        block_from(raw)


def test_the_plain_text_part_carries_every_block_and_the_unsubscribe_link() -> None:
    blocks = [
        Resolved(
            kind="event",
            title="Atelier messagerie",
            text="Pour débuter.",
            facts=["Mardi 3 mars 2026, 14 h"],
            url="https://exemple.invalid/agenda/1/",
        ),
        Resolved(kind="text", title="", text="Un mot de l'équipe.\n\nSecond paragraphe."),
    ]
    text = plain_text(
        list_name="Médiations Numériques Loire",
        subject="Lettre de mars",
        intro="Bonjour à tous",
        blocks=blocks,
        web_url="https://exemple.invalid/l/1/",
        unsubscribe_url="https://exemple.invalid/u/x/",
    )
    assert text.startswith("MÉDIATIONS NUMÉRIQUES LOIRE\nLettre de mars\n")
    assert "[Agenda] Atelier messagerie" in text
    assert "Mardi 3 mars 2026, 14 h" in text
    assert "→ https://exemple.invalid/agenda/1/" in text
    assert "Un mot de l'équipe.\n\nSecond paragraphe." in text
    assert "Se désinscrire en un clic : https://exemple.invalid/u/x/" in text
    assert text.index("Atelier") < text.index("Un mot")


def test_a_consent_csv_names_every_refused_line() -> None:
    text = (
        "email;consentement;nom\n"
        "Anne@Exemple.invalid;oui;A\n"
        "bernard@exemple.invalid;non;B\n"
        "pas-une-adresse;oui;C\n"
        "claire@exemple.invalid;peut-être;D\n"
        "\n"
        "anne@exemple.invalid;x;A bis\n"
        "denis@exemple.invalid;;E\n"
    )
    parsed = parse_consent_csv(text, filename="abonnes.csv")
    assert parsed.addresses == ["anne@exemple.invalid"]
    assert parsed.errors == [
        "abonnes.csv, ligne 3 : bernard@exemple.invalid n'a pas donné son consentement.",
        "abonnes.csv, ligne 4 : adresse « pas-une-adresse » invalide.",
        "abonnes.csv, ligne 5 : consentement « peut-être » illisible (attendu : oui ou non).",
        "abonnes.csv, ligne 8 : denis@exemple.invalid n'a pas donné son consentement.",
    ]


def test_a_csv_without_the_consent_column_is_refused_whole() -> None:
    parsed = parse_consent_csv("courriel,nom\na@exemple.invalid,A\n", filename="f.csv")
    assert parsed.addresses == []
    assert parsed.errors == ["f.csv, ligne 1 : pas de colonne « consentement » (oui/non)."]


@pytest.mark.parametrize(
    ("batch", "limit", "sent", "expected"),
    [
        (100, 0, 10_000, 100),
        (100, 1000, 950, 50),
        (100, 1000, 1000, 0),
        (100, 1000, 1200, 0),
        (100, 1000, 0, 100),
    ],
)
def test_the_hourly_limit_caps_a_batch(batch: int, limit: int, sent: int, expected: int) -> None:
    assert allowance(batch_size=batch, hourly_limit=limit, sent_last_hour=sent) == expected
