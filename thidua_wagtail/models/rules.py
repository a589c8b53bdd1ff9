"""Who may receive and who may award what, on which day: the rules an honour is checked against, whether an editor
types it in the admin or a spreadsheet imports it. Each problem comes with the field it belongs on."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..formats import short_date
from .choices import Authority, RecipientKind

__all__ = ["authority_problem", "honour_problems"]


def authority_problem(award, authority, day):
    """Why ``authority`` may not award ``award`` on ``day``, or None: the level had ceased (the district level
    ended on 30/6/2025), its power over the award had not begun (Decree 129/2025), or it never had it."""
    from ..catalogue import LEVEL_ENDED, POWERS_FROM

    if not authority or award.may_be_awarded_by(authority, day):
        return None
    values = {"award": award.name, "authority": Authority(authority).label}
    ended = LEVEL_ENDED.get(authority)
    if day and ended and day > ended and authority in (award.authorities or []):
        return _("the %(authority)s no longer exists after %(date)s.") % {**values, "date": short_date(ended)}
    start = POWERS_FROM.get((award.code, authority))
    if day and start and day < start:
        return _("the %(authority)s awards “%(award)s” only from %(date)s (Decree 129/2025/NĐ-CP, Art. 59).") % {
            **values,
            "date": short_date(start),
        }
    return _("“%(award)s” is outside the authority of the %(authority)s.") % values


def honour_problems(award, kind, unit, person_name, authority, day, unit_text=""):
    """[(message, field)] of what is wrong with one honour; shared by the admin form and the import."""
    problems = []
    if kind == RecipientKind.COLLECTIVE and unit is None and not (unit_text or "").strip():
        problems.append(
            (
                _(
                    "Choose the collective (unit) honoured, or, for a collective that is not in the list "
                    "of units, write its name in “unit as written”."
                ),
                "unit",
            )
        )
    if kind in (RecipientKind.INDIVIDUAL, RecipientKind.HOUSEHOLD) and not (person_name or "").strip():
        problems.append((_("Write the full name of the individual or the head of the household."), "person_name"))
    if award is None:
        return problems
    if kind and kind not in (award.recipients or []):
        problems.append(
            (
                _("“%(award)s” cannot be given to a %(kind)s.")
                % {"award": award.name, "kind": RecipientKind(kind).label.lower()},
                "award",
            )
        )
    problem = authority_problem(award, authority, day)
    if problem:
        problems.append((problem, "award"))
    if day and not award.is_valid_on(day):
        problems.append(
            (
                _("“%(award)s” was not in force on %(date)s.") % {"award": award.name, "date": short_date(day)},
                "award",
            )
        )
    return problems
