"""OpenAgenda's codes and ours (see developers.openagenda.com, « Structure d'un événement »).

- `status`: 1 scheduled, 2 rescheduled, 3 moved online, 4 postponed, 5 full, 6 cancelled.
- `attendanceMode`: 1 offline, 2 online, 3 mixed.
- `accessibility`: one boolean per kind of disability (the five kinds of the Délégation ministérielle à
  l'accessibilité that OpenAgenda follows): `mi` motor, `hi` hearing, `vi` visual, `ii` intellectual
  (« mental »), `pi` psychic.
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

DESCRIPTION_MAX: Final = 200
FREE_CONDITIONS: Final = "Gratuit"
FREE_PREFIX: Final = "Gratuit — "
MAILLAGE_EXT_ID_KEY: Final = "maillage-uid"
LANGUAGE: Final = "fr"


def short_description(summary: str) -> str:
    """OpenAgenda's `description` holds 200 characters at most: cut on a word, with « … »."""
    text = " ".join(summary.split())
    if len(text) <= DESCRIPTION_MAX:
        return text
    cut = text[: DESCRIPTION_MAX - 1].rsplit(" ", 1)[0] or text[: DESCRIPTION_MAX - 1]
    return cut.rstrip(" ,;:.") + "…"


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
