"""Errors shown to people who import an OpenAgenda file: each names the event (rank and uid) and the field."""

from dataclasses import dataclass


class NotAnOpenAgendaFile(ValueError):
    """The file is not an OpenAgenda events export: it is refused whole."""


@dataclass(frozen=True, slots=True)
class EventFieldError:
    """One fault of one field of one event. `index` counts the file's events from 1."""

    index: int
    uid: str
    field: str
    message: str
    value: object = None

    def __str__(self) -> str:
        who = f"événement {self.index}" + (f" (uid {self.uid})" if self.uid else "")
        return f"{who}, champ « {self.field} » : {self.message}"


class OpenAgendaEventError(ValueError):
    """An event of the file cannot be read; `errors` lists every fault found in it."""

    def __init__(self, errors: list[EventFieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))
