"""Choices of the honours register; their values match :mod:`thidua_wagtail.catalogue`."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = [
    "REVOKED",
    "AmendmentKind",
    "AmendmentScope",
    "Authority",
    "AwardCategory",
    "AwardGroup",
    "CommendationType",
    "DecisionStatus",
    "RecipientKind",
    "Scope",
    "choice_label",
]


def choice_label(choices, value):
    """The label of ``value`` among ``choices`` (a ``TextChoices``) in the active language, or ``value`` itself when
    it is not one of them: what Django's ``get_FOO_display()`` gives.

    Django's own rebuilds the field's choices on every call and hashes each label, which translates it: a listing
    that shows a label per row paid for all of them on every row."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class AwardCategory(models.TextChoices):
    """Emulation titles and award forms are different things and never mixed."""

    TITLE = "title", _("Emulation title")
    FORM = "form", _("Award form")


class AwardGroup(models.TextChoices):
    INDIVIDUAL_TITLE = "individual_title", _("Title for individuals")
    COLLECTIVE_TITLE = "collective_title", _("Title for collectives")
    HOUSEHOLD_TITLE = "household_title", _("Title for households")
    FLAG = "flag", _("Emulation flag")
    ORDER = "order", pgettext_lazy("award group", "Order")
    MEDAL = "medal", _("Medal")
    HONORARY_TITLE = "honorary_title", _("State honorary title")
    PRIZE = "prize", _("Prize")
    COMMEMORATIVE_MEDAL = "commemorative_medal", _("Commemorative medal")
    CERTIFICATE_OF_MERIT = "certificate_of_merit", _("Certificate of merit")
    CERTIFICATE = "certificate", _("Certificate of commendation")
    OTHER = "other", _("Other (local)")


class Authority(models.TextChoices):
    """Who signs a commendation decision, from the highest level down."""

    PRESIDENT = "president", _("President of the State")
    #: The Government as a body: Law 06/2022 Art. 78(1) gives it "Cờ thi đua của Chính phủ" (its decision
    #: is signed by the Prime Minister), and Art. 78(2) gives the Prime Minister his own awards.
    GOVERNMENT = "government", _("The Government")
    PRIME_MINISTER = "prime_minister", _("Prime Minister")
    MINISTRY = "ministry", _("Minister or head of a central body")
    PROVINCE = "province", _("Chair of the provincial People's Committee")
    DEPARTMENT = "department", _("Head of a department or agency")
    DISTRICT = "district", _("Chair of the district People's Committee")
    COMMUNE = "commune", _("Chair of the commune People's Committee")


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")
    HOUSEHOLD = "household", _("Household")


class CommendationType(models.TextChoices):
    """Types of commendation, Law 06/2022/QH15 Art. 8 (values as in :mod:`thidua_wagtail.catalogue`)."""

    MERIT = "merit", _("For merit and achievements")
    PHASE_OR_THEME = "phase_or_theme", _("For a phase or a theme")
    UNSCHEDULED = "unscheduled", _("For an unscheduled achievement")
    CONTRIBUTION = "contribution", _("For a lifetime of contribution")
    SENIORITY = "seniority", _("For years of service")
    FOREIGN = "foreign", _("Foreign relations")


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed to a higher authority")
    AWARDED = "awarded", _("Awarded")


#: The status an honour's copy of its decision's status takes when a later decision revokes it: it leaves the
#: roll and the totals, which read awarded honours only, and stays on record with the decision that revoked it.
REVOKED = "revoked"


class AmendmentKind(models.TextChoices):
    """What a later decision does to an earlier one; both stay on record."""

    REVOKES = "revokes", _("Revokes it (thu hồi, hủy bỏ)")
    CORRECTS = "corrects", _("Corrects it (đính chính, sửa đổi)")


class AmendmentScope(models.TextChoices):
    WHOLE = "whole", _("The whole decision")
    SOME = "some", _("Some of its honours")


class Scope(models.TextChoices):
    """Whether an honour was given within the agency's own authority, by a higher one or by a lower one."""

    OWN = "own", _("Within the agency's own authority")
    HIGHER = "higher", _("Proposed to a higher authority")
    #: Honours given by levels below the agency's own (a province's portal recording district Giấy khen).
    LOWER = "lower", _("Awarded by lower levels")
