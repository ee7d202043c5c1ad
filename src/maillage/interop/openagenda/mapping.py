"""OpenAgenda's codes and ours (see developers.openagenda.com, « Structure d'un événement »).

- `status`: 1 scheduled, 2 rescheduled, 3 moved online, 4 postponed, 5 full, 6 cancelled.
- `attendanceMode`: 1 offline, 2 online, 3 mixed.
- `accessibility`: one boolean per kind of disability (the five kinds of the Délégation ministérielle à
  l'accessibilité that OpenAgenda follows): `mi` motor, `hi` hearing, `vi` visual, `ii` intellectual
  (« mental »), `pi` psychic.
- Limits: `title` 140 characters, `description` 200, `conditions` 255 (longer texts are cut on a word).
What OpenAgenda cannot carry (Maillage-only, lost by an export → import): the event page `url`, the slot
uids, `description_html` (rebuilt from Markdown), `organiser`, `audience`, `image_alt`, the location's
`place_id`, accessibility words outside the table below, `extra`, and the « maillage » registration kind
(exported as a link).
"""

from typing import Final

STATUS_TO_OPENAGENDA: Final = {"programme": 1, "reporte": 4, "complet": 5, "annule": 6}
STATUS_FROM_OPENAGENDA: Final = {
    1: "programme",
    2: "programme",
    3: "programme",
    4: "reporte",
    5: "complet",
    6: "annule",
}

ATTENDANCE_TO_OPENAGENDA: Final = {"offline": 1, "online": 2, "mixed": 3}

ACCESSIBILITY_TO_OPENAGENDA: Final = {
    "fauteuil": "mi",
    "malentendant": "hi",
    "malvoyant": "vi",
    "mental": "ii",
    "psychique": "pi",
}
ACCESSIBILITY_FROM_OPENAGENDA: Final = {code: word for word, code in ACCESSIBILITY_TO_OPENAGENDA.items()}
ACCESSIBILITY_CODES: Final = ("hi", "ii", "mi", "pi", "vi")

REGISTRATION_TO_OPENAGENDA: Final = {"link": "link", "maillage": "link", "phone": "phone", "email": "email"}
REGISTRATION_TYPES: Final = ("link", "phone", "email")

TITLE_MAX: Final = 140
DESCRIPTION_MAX: Final = 200
CONDITIONS_MAX: Final = 255
FREE_CONDITIONS: Final = "Gratuit"
FREE_PREFIX: Final = "Gratuit — "
MAILLAGE_EXT_ID_KEY: Final = "maillage-uid"
LANGUAGE: Final = "fr"


def cut_text(text: str, limit: int) -> str:
    """At most `limit` characters: cut on a word, with « … » (OpenAgenda refuses longer texts)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"


def short_description(summary: str) -> str:
    """OpenAgenda's `description` holds 200 characters at most (and no line break)."""
    return cut_text(" ".join(summary.split()), DESCRIPTION_MAX)


def conditions_text(*, free: bool, price: str) -> str:
    """`conditions`: « Gratuit », the price text, or « Gratuit — <text> » for a free event with conditions."""
    price = price.strip()
    if not free:
        return price
    if not price:
        return FREE_CONDITIONS
    return price if price.casefold().startswith("gratuit") else FREE_PREFIX + price


def free_and_price(conditions: str) -> tuple[bool, str]:
    """The reverse of `conditions_text`: an empty text or one starting with « Gratuit » is free."""
    text = conditions.strip()
    if not text or text.casefold() == FREE_CONDITIONS.casefold():
        return True, ""
    if text.startswith(FREE_PREFIX):
        return True, text.removeprefix(FREE_PREFIX)
    return text.casefold().startswith("gratuit"), text
