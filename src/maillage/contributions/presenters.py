"""What the contribution screens show: French labels, values as text, the field-level diff (no writes)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from maillage.census.services.cards import CARD_FIELDS, jsonable
from maillage.places.domain.hours import describe_hours, validate_hours
from maillage.places.enums import ContributionKind, PlaceStatus, ReportReason
from maillage.places.labels import PLACEHOLDER_PIVOT, field_label
from maillage.places.models import Contribution, Place

# The card's fields a visitor may propose, in the order of the form (our names).
PROPOSAL_FIELDS: tuple[str, ...] = (
    "name", "pivot", "address", "address_complement", "postal_code", "commune_name", "phone", "emails",
    "websites", "booking_url", "opening_hours", "services", "publics", "specific_support", "fees",
    "access_modes", "support_modes", "summary", "description", "acceslibre_url",
)  # fmt: skip
# What a moderator may also set before approving (a proposal brings no position).
MODERATOR_FIELDS: tuple[str, ...] = (*PROPOSAL_FIELDS, "latitude", "longitude")
# Fields shown side by side for a "doublon" report (the two cards).
COMPARED_FIELDS: tuple[str, ...] = (
    "name", "address", "postal_code", "commune_name", "phone", "emails", "websites", "opening_hours",
    "services", "summary", "pivot",
)  # fmt: skip
LIST_FIELDS = frozenset(
    {"emails", "websites", "services", "publics", "specific_support", "fees", "access_modes", "support_modes"}
    | {"typologies", "mobility", "national_programmes", "training_labels"}
)


def as_text(name: str, value: Any) -> str:
    """A card value as one line of text ("" when empty)."""
    if value is None or value == "" or value == []:
        return ""
    if name == "pivot" and value == PLACEHOLDER_PIVOT:
        return ""
    if isinstance(value, list):
        return " · ".join(str(item) for item in value)
    return str(value)


def _hours_lines(value: Any) -> list[str]:
    if not isinstance(value, str) or not value.strip() or validate_hours(value):
        return []
    return describe_hours(value)


@dataclass(frozen=True)
class FieldChange:
    """One field of a proposal: its value on the card (old) and the one proposed (new)."""

    name: str
    label: str
    old: str
    new: str
    old_hours: list[str] = field(default_factory=list)
    new_hours: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old != self.new


def _change(name: str, old: Any, new: Any) -> FieldChange:
    added: list[str] = []
    removed: list[str] = []
    if name in LIST_FIELDS:
        old_items, new_items = list(old or []), list(new or [])
        added = [str(item) for item in new_items if item not in old_items]
        removed = [str(item) for item in old_items if item not in new_items]
    hours = name == "opening_hours"
    return FieldChange(
        name=name,
        label=field_label(name),
        old=as_text(name, old),
        new=as_text(name, new),
        old_hours=_hours_lines(old) if hours else [],
        new_hours=_hours_lines(new) if hours else [],
        added=added,
        removed=removed,
    )


def _ordered(names: Iterable[str]) -> list[str]:
    order = {name: index for index, name in enumerate((*MODERATOR_FIELDS, *CARD_FIELDS))}
    return sorted(set(names), key=lambda name: (order.get(name, len(order)), name))


def correction_diff(*, place: Place, data: Mapping[str, Any]) -> list[FieldChange]:
    """Each proposed field, old (today's card) → new, in the form's order."""
    return [_change(name, jsonable(getattr(place, name)), data[name]) for name in _ordered(data)]


def proposed_card(data: Mapping[str, Any]) -> list[FieldChange]:
    """A proposed new place, field by field (nothing → proposed value)."""
    return [_change(name, None, data[name]) for name in _ordered(data) if as_text(name, data[name])]


def side_by_side(place: Place, other: Place) -> list[FieldChange]:
    """Two cards compared (the reported place as "old", the duplicate as "new")."""
    return [
        _change(name, jsonable(getattr(place, name)), jsonable(getattr(other, name)))
        for name in COMPARED_FIELDS
    ]


def contribution_title(contribution: Contribution) -> str:
    """The place a contribution is about, as one line."""
    place = contribution.place
    if place is not None:
        return f"{place.name} ({place.commune_name})"
    name = str(contribution.data.get("name", "")) or "Lieu sans nom"
    commune = str(contribution.data.get("commune_name", ""))
    return f"{name} ({commune})" if commune else name


def card_initial(place: Place) -> dict[str, Any]:
    """The card's values as the proposal forms show them (lists one item per line for free text)."""
    initial: dict[str, Any] = {}
    for name in MODERATOR_FIELDS:
        value = getattr(place, name)
        if name in {"emails", "websites"}:
            value = "\n".join(value)
        elif name == "pivot" and value == PLACEHOLDER_PIVOT:
            value = ""
        initial[name] = value
    return initial


def data_initial(data: Mapping[str, Any]) -> dict[str, Any]:
    """A proposal's values as the moderator's form shows them."""
    initial = dict(data)
    for name in ("emails", "websites"):
        if isinstance(initial.get(name), list):
            initial[name] = "\n".join(initial[name])
    if initial.get("pivot") == PLACEHOLDER_PIVOT:
        initial["pivot"] = ""
    return initial


@dataclass(frozen=True)
class ModerationSheet:
    """What a moderator sees of one contribution."""

    title: str
    changes: list[FieldChange]  # a correction: old → new; a new place: its proposed card
    duplicate_rows: list[FieldChange]  # a "doublon" report: the two cards side by side
    warnings: list[str]
    editable: bool  # "edit then approve" makes sense
    approve_label: str


def moderation_sheet(contribution: Contribution) -> ModerationSheet:
    place, data = contribution.place, contribution.data
    warnings: list[str] = []
    changes: list[FieldChange] = []
    rows: list[FieldChange] = []
    editable = True
    approve_label = "Accepter et publier"
    if contribution.kind == ContributionKind.PARTNER:
        changes = proposed_card(data)
        editable = False
        approve_label = "Accepter : intégrer au recensement"
        warnings.append(
            "Fiche envoyée par un partenaire : acceptée, elle entre dans le recensement comme une source. "
            "Si elle décrit un lieu déjà connu, elle lui est réunie (doublons) ; sinon elle est publiée."
        )
    elif contribution.kind == ContributionKind.NEW_PLACE:
        changes = proposed_card(data)
        if data.get("latitude") is None:
            warnings.append(
                "Pas de position : le lieu n'apparaîtra pas sur la carte. Ajoutez latitude et longitude "
                "avec « Modifier puis accepter »."
            )
    elif contribution.kind == ContributionKind.CORRECTION and place is not None:
        changes = correction_diff(place=place, data=data)
        if any(name in data for name in ("address", "postal_code", "commune_name")):
            warnings.append(
                "L'adresse change : vérifiez la position (latitude, longitude) avec "
                "« Modifier puis accepter »."
            )
        if changes and not any(change.changed for change in changes):
            warnings.append("La fiche a déjà toutes ces valeurs.")
    else:
        reason = contribution.report_reason
        editable = reason in (ReportReason.WRONG, ReportReason.OTHER)
        approve_label = {
            ReportReason.CLOSED: "Accepter : archiver le lieu",
            ReportReason.DUPLICATE: "Accepter : fusionner les deux fiches",
        }.get(ReportReason(reason), "Marquer comme traité")
        if reason == ReportReason.DUPLICATE and place is not None and contribution.duplicate_of is not None:
            rows = side_by_side(place, contribution.duplicate_of)
        elif reason == ReportReason.DUPLICATE:
            warnings.append("Le lieu signalé comme doublon n'existe plus.")
    if place is not None and place.status != PlaceStatus.PUBLISHED:
        warnings.append(f"Ce lieu est actuellement « {place.get_status_display().lower()} ».")
    return ModerationSheet(contribution_title(contribution), changes, rows, warnings, editable, approve_label)
