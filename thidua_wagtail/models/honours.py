"""Commendation decisions, the honours they give, and totals for periods without records."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, LockableMixin, Orderable, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..text import fold
from .awards import AwardType
from .choices import (
    REVOKED,
    AmendmentKind,
    AmendmentScope,
    Authority,
    CommendationType,
    DecisionStatus,
    RecipientKind,
    choice_label,
)
from .fields import DayFirstDateField
from .searching import FoldedSearchMixin
from .units import Unit

__all__ = ["Decision", "Honour", "copy_decisions_to_honours"]


#: The decision's facts each of its honours copies, for the roll: {the honour's field: the decision's}. The status is
#: copied too, except onto a revoked honour, which keeps its own.
DECISION_COPIES = {
    "decision_date": "date",
    "decision_authority": "authority",
    "decision_commendation_type": "commendation_type",
}


def number_key(number: str) -> str:
    """A decision number as the roll's filter compares it: folded, without spaces ("123/qd-stp")."""
    return "".join(fold(number or "").split())


class Decision(LockableMixin, RevisionMixin, TranslatableMixin, index.Indexed, FoldedSearchMixin, models.Model):
    """A commendation decision (quyết định khen thưởng); the honours it gives point at it.

    Every save in the admin is a revision, and an editor may lock the decision while
    working on it: two editors never overwrite each other's work unawares. Its honours are
    not part of its form nor of its revisions (a city's decision may give thousands); they
    have their own listing.

    A proposal to a higher authority is recorded as a decision with the status
    "proposed" and the authority it was sent to; when that authority decides, the
    same record gets its number, date and the status "awarded".
    """

    number = models.CharField(_("number and symbol"), max_length=50, help_text=_("e.g. “123/QĐ-STP”."))
    date = DayFirstDateField(_("date"), db_index=True)
    authority = models.CharField(
        _("awarding authority"),
        max_length=20,
        choices=Authority.choices,
        help_text=_("The level that signs the decision; for a proposal, the level it is proposed to."),
    )
    issuing_body = models.CharField(
        _("issuing body"), max_length=255, help_text=_("e.g. “Sở Tư pháp tỉnh Đồng Tháp”, “UBND tỉnh Đồng Tháp”.")
    )
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("As the decision words it, e.g. “vì đã có thành tích xuất sắc trong năm 2024”."),
    )
    signer_name = models.CharField(_("signed by"), max_length=255, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=255, blank=True)
    commendation_type = models.CharField(
        _("type of commendation"),
        max_length=20,
        choices=CommendationType.choices,
        default=CommendationType.MERIT,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.AWARDED
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("signed document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    plan = models.ForeignKey(
        "thidua_wagtail.PlanPage",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    movement = models.ForeignKey(
        "thidua_wagtail.MovementPage",
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_(
            "Illustrative content (a demonstration, a training), with fictional names; "
            "it is marked as such wherever it is shown."
        ),
    )
    phase = models.ForeignKey(
        "thidua_wagtail.Phase",
        verbose_name=_("phase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    amendment = models.CharField(
        _("revokes or corrects"),
        max_length=10,
        choices=AmendmentKind.choices,
        blank=True,
        help_text=_("If this decision revokes or corrects an earlier one, say which it does; both stay on record."),
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("earlier decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
        help_text=_("The decision this one revokes or corrects."),
    )
    amendment_scope = models.CharField(
        _("what it applies to"),
        max_length=10,
        choices=AmendmentScope.choices,
        default=AmendmentScope.WHOLE,
        help_text=_(
            "For some honours only, save this decision, then choose them in the earlier decision's list of honours "
            "(“Revoke or correct”)."
        ),
    )
    amendment_text = models.TextField(
        _("what it changes"),
        blank=True,
        help_text=_("As the decision words it, e.g. “Đính chính họ tên ông Nguyễn Văn A thành Nguyễn Văn Ánh”."),
    )
    #: The number folded and without spaces ("123/qd-stp"), for the roll's decision number filter.
    number_key = models.CharField(max_length=50, editable=False, blank=True, db_index=True)

    search_fields = [
        index.SearchField("number"),
        index.AutocompleteField("number"),
        index.SearchField("issuing_body"),
        index.FilterField("status"),
        index.FilterField("authority"),
        index.FilterField("locale"),
    ]
    folded_search_fields = ("number", "issuing_body", "signer_name", "signer_position")

    # The number, date, level, status and links are facts, kept in step by wagtail-localize.
    # The honours are the register itself: they stay with the decision's original and are
    # never copied into a translation, so every honour is counted once in every language.
    translatable_fields = [
        SynchronizedField("number"),
        SynchronizedField("date"),
        SynchronizedField("authority"),
        TranslatableField("issuing_body"),
        TranslatableField("reason"),
        SynchronizedField("signer_name"),
        TranslatableField("signer_position"),
        SynchronizedField("commendation_type"),
        SynchronizedField("status"),
        SynchronizedField("document"),
        SynchronizedField("plan"),
        SynchronizedField("movement"),
        SynchronizedField("phase"),
        SynchronizedField("is_sample"),
        SynchronizedField("amendment"),
        SynchronizedField("amends"),
        SynchronizedField("amendment_scope"),
        TranslatableField("amendment_text"),
    ]
    # A translation starts unlocked and with a history of its own.
    exclude_fields_in_copy = ["locked", "locked_at", "locked_by", "latest_revision"]

    # Revisions go with the decision when it is deleted.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="thidua_decision")

    class Meta:
        verbose_name = _("commendation decision")
        verbose_name_plural = _("commendation decisions")
        ordering = ["-date", "number"]
        unique_together = [("translation_key", "locale")]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_body", "number", "date", "locale"], name="thidua_unique_decision_number"
            )
        ]

    def __str__(self):
        return f"{self.number} ({self.date:%d/%m/%Y})" if self.date else self.number

    def save(self, *args, **kwargs):
        # One transaction: the package's cache is invalidated when it commits, after the honours'
        # copies below are written, even when the caller (a shell, a command) has none of its own.
        self.number_key = number_key(self.number)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "number" in update_fields:
            kwargs["update_fields"] = [*update_fields, "number_key"]
        before = (
            type(self)
            .objects.filter(pk=self.pk)
            .values_list("amendment", "amends_id", "amendment_scope", "status")
            .first()
            if self.pk
            else None
        )
        with transaction.atomic():
            super().save(*args, **kwargs)
            # Honours copy the decision's date, level, type and status for the roll; keep them in step
            # even when the decision is saved without its honours (shell, bulk status change). A revoked
            # honour keeps its own status.
            copies = {copy: getattr(self, fact) for copy, fact in DECISION_COPIES.items()}
            self.honours.filter(revoked_by__isnull=True).update(decision_status=self.status, **copies)
            self.honours.filter(revoked_by__isnull=False).update(**copies)
            from .amendments import apply_amendment
            from .counts import refresh_counts

            apply_amendment(self, before)
            refresh_counts([self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.phase_id and self.plan_id and self.phase.plan_id != self.plan_id:
            errors["phase"] = _("This phase belongs to another plan.")
        from ..catalogue import LEVEL_ENDED

        ended = LEVEL_ENDED.get(self.authority)
        if ended and self.date and self.date > ended:
            errors["authority"] = _(
                "The %(authority)s no longer exists after %(date)s (two-level local government from 1/7/2025): "
                "a decision of a later date is signed at another level, such as the commune's."
            ) % {"authority": Authority(self.authority).label, "date": f"{ended.day}/{ended.month}/{ended.year}"}
        if self.amendment and not self.amends_id:
            errors["amends"] = _("Choose the earlier decision this one revokes or corrects.")
        elif self.amends_id and not self.amendment:
            errors["amendment"] = _("Say whether this decision revokes or corrects the earlier one.")
        elif self.amends_id:
            earlier = self.amends
            if self.pk and earlier.translation_key == self.translation_key:
                errors["amends"] = _("A decision cannot revoke or correct itself.")
            elif self.date and earlier.date and earlier.date > self.date:
                errors["amends"] = _(
                    "Decision %(number)s is dated %(date)s, after this one: a decision revokes or corrects an "
                    "earlier one."
                ) % {"number": earlier.number, "date": f"{earlier.date.day}/{earlier.date.month}/{earlier.date.year}"}
            elif earlier.status != DecisionStatus.AWARDED:
                errors["amends"] = _(
                    "Decision %(number)s is a proposal: only an awarded decision can be revoked or corrected."
                ) % {"number": earlier.number}
        if errors:
            raise ValidationError(errors)

    # Shown on every row of the public listing of decisions and of the API (see choice_label).
    def get_authority_display(self):
        return choice_label(Authority, self.authority)

    def get_commendation_type_display(self):
        return choice_label(CommendationType, self.commendation_type)

    @property
    def is_amendment(self) -> bool:
        return bool(self.amendment and self.amends_id)

    @property
    def revisions(self):
        return self._revisions

    @property
    def original(self):
        """The decision that holds the honours: this one in the site's default language, else the
        first made of its translations. Honours are recorded once, there."""
        default_id = Locale.get_default().pk
        if not self.pk or self.locale_id == default_id:
            return self
        rows = list(type(self).objects.filter(translation_key=self.translation_key).order_by("pk"))
        return next((row for row in rows if row.locale_id == default_id), rows[0] if rows else self)

    @property
    def is_original(self) -> bool:
        return self.original.pk == self.pk


class Honour(Orderable):
    """One honour: who received which award, by which decision, for what.

    Only public facts are kept: the name, the position held at the time, the
    unit, the award and the achievement. Personal data (birth date, ID numbers,
    phone, address) has no field and is never stored.
    """

    # A plain foreign key, not a ParentalKey: honours are edited in their own listing, one by one,
    # so that a decision of 20,000 honours opens at once and two editors adding honours never collide.
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="honours", verbose_name=_("decision"))
    recipient_kind = models.CharField(
        _("recipient"), max_length=12, choices=RecipientKind.choices, default=RecipientKind.INDIVIDUAL
    )
    person_name = models.CharField(
        _("full name"),
        max_length=255,
        blank=True,
        help_text=_("For an individual, or the head of a household; leave empty for a collective."),
    )
    position = models.CharField(_("position at the time"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
        help_text=_("The collective honoured, or the unit of the individual, from the portal's list of units."),
    )
    unit_text = models.CharField(
        _("unit as written"),
        max_length=255,
        blank=True,
        help_text=_(
            "For a unit that is not in the portal's list (a collective of another agency): its name as the "
            "decision writes it. Where a unit is chosen too, this name is shown and the unit is kept as a link."
        ),
    )
    award = models.ForeignKey(AwardType, verbose_name=_("award"), on_delete=models.PROTECT, related_name="honours")
    achievement = models.TextField(_("achievement"), blank=True)
    posthumous = models.BooleanField(_("posthumous"), default=False)
    #: The later decision that revoked this honour; it then leaves the roll and the totals, and stays on record.
    revoked_by = models.ForeignKey(
        Decision,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="revoked_honours",
    )
    #: The later decision that corrected this honour (its name, unit or award, as that decision words it).
    corrected_by = models.ForeignKey(
        Decision,
        verbose_name=_("corrected by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="corrected_honours",
    )

    # Copies of facts of the decision and the unit, so that the public roll filters
    # and sorts on one indexed table, and an old honour keeps its unit's old name.
    decision_date = models.DateField(editable=False, null=True)
    decision_authority = models.CharField(max_length=20, editable=False, blank=True)
    decision_status = models.CharField(max_length=10, editable=False, blank=True)
    decision_commendation_type = models.CharField(max_length=20, editable=False, blank=True)
    unit_name = models.CharField(max_length=255, editable=False, blank=True)
    search_name = models.CharField(max_length=255, editable=False, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        indexes = [
            # The roll's own order, so that a page of it is read straight from the index.
            models.Index(
                fields=["decision_status", "-decision_date", "-decision", "sort_order", "id"], name="thidua_honour_roll"
            ),
            models.Index(
                fields=["decision_authority", "decision_status", "-decision_date"], name="thidua_honour_authority"
            ),
            models.Index(fields=["award", "decision_status", "-decision_date"], name="thidua_honour_award"),
            # One unit's honours in the roll's order: a page of the roll filtered by a unit is read from the index.
            models.Index(
                fields=["unit", "decision_status", "-decision_date", "-decision", "sort_order", "id"],
                name="thidua_honour_unit_roll",
            ),
            models.Index(fields=["recipient_kind", "decision_status", "-decision_date"], name="thidua_honour_kind"),
            models.Index(
                fields=["decision_commendation_type", "decision_status", "-decision_date"], name="thidua_honour_type"
            ),
            # Each name's honours in the roll's order: a name search's matches, found by their names, are read and
            # sorted from the index alone (``thidua_wagtail.search``).
            models.Index(
                fields=["search_name", "decision_status", "-decision_date", "-decision", "sort_order", "id"],
                name="thidua_honour_name_roll",
            ),
        ]

    def __str__(self):
        return f"{self.recipient_name} – {self.award}"

    @property
    def recipient_name(self):
        if self.recipient_kind == RecipientKind.COLLECTIVE:
            return self.unit_name or self.unit_text or (self.unit.name if self.unit_id else "")
        return self.person_name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The unit as stored: its name is copied again only when the editor picks another unit.
        instance._loaded_unit_id = instance.__dict__.get("unit_id")
        instance._loaded_unit_text = instance.__dict__.get("unit_text")
        instance._loaded_decision_id = instance.__dict__.get("decision_id")
        return instance

    def fill_copies(self, decision=None, default_locale_id=None):
        """Refresh the copied facts from the decision and the unit (old names are kept).

        The award and the unit are kept in the site's default language, whichever translation the
        editor chose, so that an honour and its duplicates are recognised and the roll names them
        in each reader's language.
        """
        decision = decision or self.decision
        if default_locale_id is None:
            # Looked up once per decision: its inline honours are saved one by one, sharing it.
            default_locale_id = decision.__dict__.get("_default_locale_id") or Locale.get_default().pk
            decision.__dict__["_default_locale_id"] = default_locale_id
        for field, model in (("award", AwardType), ("unit", Unit)):
            linked = getattr(self, field) if getattr(self, f"{field}_id") else None
            if linked is not None and linked.locale_id != default_locale_id:
                source = model.objects.filter(
                    translation_key=linked.translation_key, locale_id=default_locale_id
                ).first()
                if source is not None:
                    setattr(self, field, source)
        for copy, fact in DECISION_COPIES.items():
            setattr(self, copy, getattr(decision, fact))
        self.decision_status = REVOKED if self.revoked_by_id else decision.status
        self.unit_text = " ".join((self.unit_text or "").split())
        if self.unit_text:
            # The name as the decision wrote it, whether or not it is linked to one of the portal's units.
            self.unit_name = self.unit_text
        elif not self.unit_id:
            self.unit_name = ""
        elif (
            not self.unit_name
            or self.unit_id != getattr(self, "_loaded_unit_id", None)
            # The name written in text was cleared: the unit's own name again.
            or getattr(self, "_loaded_unit_text", "")
        ):
            self.unit_name = self.unit.name
        self.search_name = fold(self.person_name if self.recipient_kind != RecipientKind.COLLECTIVE else self.unit_name)

    def save(self, *args, **kwargs):
        from .counts import refresh_counts

        self.fill_copies()
        with transaction.atomic():
            super().save(*args, **kwargs)
            # The totals read counts kept per decision: this one's, and the one it left if it moved.
            refresh_counts([self.decision_id, getattr(self, "_loaded_decision_id", None)])
        self._loaded_decision_id = self.decision_id

    def delete(self, *args, **kwargs):
        from .counts import refresh_counts

        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            refresh_counts([self.decision_id])
        return result

    def recipient_key(self):
        """What makes two rows of one decision the same honour: the recipient and the award.

        A collective is its unit and the name it is given (a collective named in text has no unit);
        an individual or household, the unit and the name. Read after :meth:`fill_copies`."""
        return (self.recipient_kind, self.unit_id, self.search_name, self.award_id)


def copy_decisions_to_honours():
    """Bring each honour's copies of its decision's date, level, type and status (``Decision.save`` keeps them; a
    revoked honour keeps its own status) back in step where a write past the models left them out of it: an SQL
    ``UPDATE``, a script's ``bulk_create``. The roll's order and index, its counts by year, and the pages of the
    decisions and of the deep roll read the copies. Returns how many honours were changed
    (``thidua_rebuild_counts`` runs it first)."""
    from django.db.models import F, OuterRef, Q, Subquery

    decision = Decision.objects.filter(pk=OuterRef("decision_id")).order_by()
    out_of_step = Q()
    for copy, fact in DECISION_COPIES.items():
        out_of_step |= ~Q(**{copy: F(f"decision__{fact}")})
    stale = Honour.objects.filter(out_of_step)
    stale_status = Honour.objects.filter(revoked_by__isnull=True).exclude(decision_status=F("decision__status"))
    with transaction.atomic():
        # Each honour counted once, whichever of its copies were out of step.
        changed = set(stale.values_list("pk", flat=True)) | set(stale_status.values_list("pk", flat=True))
        stale.update(**{copy: Subquery(decision.values(fact)) for copy, fact in DECISION_COPIES.items()})
        stale_status.update(decision_status=Subquery(decision.values("status")))
    return len(changed)
