"""Models of thidua-wagtail; import them from here."""

from .awards import AwardType
from .choices import Authority, AwardCategory, AwardGroup, CommendationType, DecisionStatus, RecipientKind, Scope
from .commemorations import Commemoration, CommemorationKind
from .counts import DecisionHonourCount, DecisionUnitCount, HonourCount, UnitHonourCount
from .exports import ExportJob
from .honours import Decision, Honour
from .imports import ImportJob
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
from .pages import (
    EmulationIndexPage,
    HonourRollPage,
    MovementPage,
    Phase,
    PlanAttachment,
    PlanMovement,
    PlanPage,
    Review,
)
from .phases import AbstractPhase
from .recognition import EmulationZone, EmulationZoneMember, ExemplaryModel, ZoneKind
from .reviews import AbstractReview, ReviewKind
from .roll import HonourRollPageMixin
from .tallies import HonourTally, TallyRow
from .units import Unit, UnitKind

__all__ = [
    "AbstractPhase",
    "AbstractReview",
    "Authority",
    "AwardCategory",
    "AwardGroup",
    "AwardType",
    "Commemoration",
    "CommemorationKind",
    "CommendationType",
    "Decision",
    "DecisionHonourCount",
    "DecisionStatus",
    "DecisionUnitCount",
    "EmulationIndexPage",
    "EmulationIndexPageMixin",
    "EmulationZone",
    "EmulationZoneMember",
    "ExemplaryModel",
    "ExportJob",
    "Honour",
    "HonourCount",
    "HonourRollPage",
    "HonourRollPageMixin",
    "HonourTally",
    "ImportJob",
    "MovementKind",
    "MovementPage",
    "MovementPageMixin",
    "MovementScope",
    "Phase",
    "PlanAttachment",
    "PlanMovement",
    "PlanPage",
    "PlanPageMixin",
    "RecipientKind",
    "Review",
    "ReviewKind",
    "Scope",
    "TallyRow",
    "ThiduaPageMixin",
    "TraditionDayMixin",
    "Unit",
    "UnitHonourCount",
    "UnitKind",
    "ZoneKind",
    "local_today",
]
