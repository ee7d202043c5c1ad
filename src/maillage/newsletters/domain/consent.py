"""A CSV of existing subscribers with a consent column: the rows with consent, or why each row is refused."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Final

EMAIL_COLUMNS: Final = ("email", "courriel", "e-mail", "mail", "adresse")
CONSENT_COLUMNS: Final = ("consentement", "consent", "opt-in", "optin")
YES: Final = {"oui", "o", "yes", "y", "true", "vrai", "1", "x"}
NO: Final = {"non", "n", "no", "false", "faux", "0", ""}
EMAIL_RE: Final = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


@dataclass
class ConsentImport:
    addresses: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def parse_consent_csv(text: str, *, filename: str = "fichier") -> ConsentImport:
    """Rows numbered as a spreadsheet shows them (header = line 1); duplicates kept once."""
    result = ConsentImport()
    sample = text[:2048]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), dialect))
    if not rows:
        result.errors.append(f"{filename} : le fichier est vide.")
        return result
    email_at, consent_at = _column(rows[0], EMAIL_COLUMNS), _column(rows[0], CONSENT_COLUMNS)
    if email_at is None:
        result.errors.append(f"{filename}, ligne 1 : pas de colonne « email » (ou « courriel »).")
    if consent_at is None:
        result.errors.append(f"{filename}, ligne 1 : pas de colonne « consentement » (oui/non).")
    if email_at is None or consent_at is None:
        return result
    seen: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        address = row[email_at].strip().lower() if email_at < len(row) else ""
        consent = row[consent_at].strip().lower() if consent_at < len(row) else ""
        if not EMAIL_RE.match(address):
            result.errors.append(f"{filename}, ligne {number} : adresse « {address} » invalide.")
        elif consent in NO:
            result.errors.append(f"{filename}, ligne {number} : {address} n'a pas donné son consentement.")
        elif consent not in YES:
            result.errors.append(
                f"{filename}, ligne {number} : consentement « {consent} » illisible (attendu : oui ou non)."
            )
        elif address not in seen:
            seen.add(address)
            result.addresses.append(address)
    return result
