"""Revocations and corrections: what a later decision does to the honours of an earlier one.

Both decisions stay on record and link to each other (``Decision.amends``, ``Decision.amendments``). A
revoked honour keeps its row, with ``revoked_by`` and the status ``"revoked"`` in its copy of the decision's
status, so it leaves the roll and the totals (which read awarded honours) and comes back if the revoking
decision is changed or deleted. A corrected honour keeps ``corrected_by``, which the roll shows.

A decision that applies to the whole earlier decision marks all its honours when it is saved, awarded; one
that applies to some of them marks those an editor chooses (:func:`amend_honours`, the honours listing's
"Revoke or correct" action). Only the decision's original (its default language) marks honours: its
translations carry the same facts.
"""

from __future__ import annotations

from django.db import transaction

from .choices import REVOKED, AmendmentKind, AmendmentScope, DecisionStatus

__all__ = ["amend_honours", "amendment_links", "apply_amendment", "release_honours"]


def _in_force(decision) -> bool:
    return bool(decision.amendment and decision.amends_id and decision.status == DecisionStatus.AWARDED)


def _restore(honours):
    """Give revoked ``honours`` back their own decision's status: one update per decision, decisions being few."""
    Decision = honours.model._meta.get_field("decision").related_model
    changed = []
    for decision_id, status in Decision.objects.filter(pk__in=honours.values("decision_id")).values_list(
        "pk", "status"
    ):
        honours.filter(decision_id=decision_id).update(revoked_by=None, decision_status=status)
        changed.append(decision_id)
    _recount(changed)


def _recount(decision_ids):
    """The honours of these decisions changed status: their counts follow (:mod:`.counts`)."""
    from .counts import refresh_counts

    refresh_counts(decision_ids)


def release_honours(decision, keep_key=None, kind=None):
    """Undo what ``decision`` did to honours, except to those of the decision whose translation key is
    ``keep_key`` for the amendment ``kind`` it still makes."""
    Honour = decision.revoked_honours.model
    revoked = Honour.objects.filter(revoked_by=decision)
    corrected = Honour.objects.filter(corrected_by=decision)
    if kind == AmendmentKind.REVOKES and keep_key:
        revoked = revoked.exclude(decision__translation_key=keep_key)
    if kind == AmendmentKind.CORRECTS and keep_key:
        corrected = corrected.exclude(decision__translation_key=keep_key)
    _restore(revoked)
    corrected.update(corrected_by=None)


def apply_amendment(decision, before=None):
    """Bring the honours in line with what ``decision`` (just saved) revokes or corrects.

    ``before`` is (amendment, amends_id, amendment_scope, status) as stored before this save, or None. A decision
    that no longer amends, amends another decision, is no longer awarded, or now applies to some honours rather
    than the whole decision releases what it marked; one that applies to the whole decision marks every honour
    of the decision it amends that no other decision has already marked.
    """
    Honour = decision.revoked_honours.model
    if not decision.is_original:
        return
    with transaction.atomic():
        if not _in_force(decision):
            release_honours(decision)
            return
        target_key = decision.amends.translation_key
        now = (decision.amendment, decision.amends_id, decision.amendment_scope)
        if before is not None and before[:3] != now:
            # Another kind, another decision, or from the whole decision to some honours: start again.
            whole_to_some = before[:2] == now[:2] and now[2] == AmendmentScope.SOME
            release_honours(decision, None if whole_to_some else target_key, decision.amendment)
            if whole_to_some:
                return
        if decision.amendment_scope != AmendmentScope.WHOLE:
            return
        honours = Honour.objects.filter(decision__translation_key=target_key)
        if decision.amendment == AmendmentKind.REVOKES:
            honours.filter(revoked_by__isnull=True).update(revoked_by=decision, decision_status=REVOKED)
            _recount(honours.values_list("decision_id", flat=True).distinct())
        else:
            honours.filter(corrected_by__isnull=True).update(corrected_by=decision)


def amend_honours(amending, honours, undo=False):
    """Mark ``honours`` (of the decision ``amending`` amends) as revoked or corrected by ``amending``, or, with
    ``undo``, clear that mark. Returns the number of honours changed."""
    Honour = amending.revoked_honours.model
    honours = Honour.objects.filter(
        pk__in=[h.pk for h in honours], decision__translation_key=amending.amends.translation_key
    )
    with transaction.atomic():
        if undo:
            if amending.amendment == AmendmentKind.REVOKES:
                marked = honours.filter(revoked_by=amending)
                count = marked.count()
                _restore(marked)
                return count
            return honours.filter(corrected_by=amending).update(corrected_by=None)
        if amending.amendment == AmendmentKind.REVOKES:
            count = honours.exclude(revoked_by=amending).update(revoked_by=amending, decision_status=REVOKED)
            _recount(honours.values_list("decision_id", flat=True).distinct())
            return count
        return honours.exclude(corrected_by=amending).update(corrected_by=amending)


def decision_deleted(sender, instance, **kwargs):
    """``pre_delete`` receiver: honours revoked by a decision being deleted are awarded again."""
    release_honours(instance)


def amendment_links(decision, locale_id):
    """(the earlier decision ``decision`` revokes or corrects, [the later awarded decisions that revoke or correct
    it]) for a public page in ``locale_id``: each decision in that language where translated. Two queries."""
    from ..locales import one_per_key

    Decision = type(decision)
    earlier = None
    if decision.amends_id and decision.amendment:
        earlier = one_per_key(
            Decision.objects.filter(
                translation_key__in=Decision.objects.filter(pk=decision.amends_id).values("translation_key"),
                # A proposal is not public, not even as the decision a later one corrects.
                status=DecisionStatus.AWARDED,
            ).order_by("pk"),
            locale_id,
        )
        earlier = earlier[0] if earlier else None
    later = Decision.objects.filter(
        amends__translation_key=decision.translation_key, status=DecisionStatus.AWARDED
    ).exclude(amendment="")
    return earlier, one_per_key(later.order_by("date", "pk"), locale_id)
