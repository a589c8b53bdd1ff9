"""Models of thidua-wagtail; import them from here."""

from .mixins import (
    EmulationIndexPageMixin,
    MovementKind,
    MovementPageMixin,
    MovementScope,
    PlanPageMixin,
    ThiduaPageMixin,
    TraditionDayMixin,
    local_today,
)
from .pages import EmulationIndexPage, MovementPage, Phase, PlanAttachment, PlanMovement, PlanPage
from .phases import AbstractPhase, ReviewKind
from .units import Unit, UnitKind

__all__ = [
    "AbstractPhase",
    "EmulationIndexPage",
    "EmulationIndexPageMixin",
    "MovementKind",
    "MovementPage",
    "MovementPageMixin",
    "MovementScope",
    "Phase",
    "PlanAttachment",
    "PlanMovement",
    "PlanPage",
    "PlanPageMixin",
    "ReviewKind",
    "ThiduaPageMixin",
    "TraditionDayMixin",
    "Unit",
    "UnitKind",
    "local_today",
]
