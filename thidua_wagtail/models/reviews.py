"""Reviews (sơ kết, tổng kết): the events at which a plan, or one of its movements, is reviewed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .. import timeline
from .fields import DayFirstDateField

__all__ = ["AbstractReview", "ReviewKind"]


class ReviewKind(models.TextChoices):
    """An interim review (sơ kết) or a final one (tổng kết)."""

    INTERIM = "interim", _("Interim review")
    FINAL = "final", _("Final review")


class AbstractReview(TranslatableMixin, Orderable):
    """One review of a plan: its kind, date and place, the movement it reviews (or the whole plan),
    the anniversary it is held with and the congress it opens.

    A review is an event of its own, not the end of a phase: a plan with eight movements holds a
    review for each, several in one phase, and a phase ending on 31 December is often reviewed in
    January. On the pages, a review is shown in the phase whose dates hold it, else after the
    last phase that ended before it (:func:`thidua_wagtail.timeline.phase_of_day`).

    Reviews are rows of their plan, so that they are drafted, approved, published and translated
    with it: a review never shows before its plan does. Concrete subclasses add
    ``plan = ParentalKey(<plan page>, related_name="reviews")`` and ``movement``, a foreign key to
    the movement page model.
    """

    kind = models.CharField(_("kind of review"), max_length=10, choices=ReviewKind.choices)
    name = models.CharField(
        _("event"),
        max_length=255,
        blank=True,
        help_text=_("e.g. “Hội nghị sơ kết Đợt 1”; leave empty to show only the kind of review."),
    )
    date = DayFirstDateField(_("date"), help_text=_("The day it is held; it may fall after the phase has ended."))
    place = models.CharField(_("place"), max_length=255, blank=True, help_text=_("e.g. “Hội trường Sở Tư pháp”."))
    celebrates_anniversary = models.BooleanField(
        _("held with an anniversary"),
        default=False,
        help_text=_(
            "Tick if the review is held together with an anniversary: of the day chosen below, or, if none is "
            "chosen, of the Tradition Day of the plan or of the section. The anniversary's number is computed."
        ),
    )
    commemoration = models.ForeignKey(
        "thidua_wagtail.Commemoration",
        verbose_name=_("anniversary of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for the Tradition Day of the plan or of the section."),
    )
    congress_ordinal = models.PositiveSmallIntegerField(
        _("congress number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("e.g. 6 for the 6th Patriotic Emulation Congress (“lần thứ VI”)."),
    )
    congress_name = models.CharField(
        _("congress"),
        max_length=255,
        blank=True,
        help_text=_("e.g. “Đại hội Thi đua yêu nước ngành Tư pháp”."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("name"),
        FieldPanel("movement"),
        FieldPanel("place"),
        MultiFieldPanel(
            [
                FieldPanel("celebrates_anniversary"),
                FieldPanel("commemoration"),
                FieldRowPanel([FieldPanel("congress_ordinal"), FieldPanel("congress_name")]),
            ],
            heading=_("Anniversary and congress"),
        ),
        FieldPanel("description"),
    ]

    translatable_fields = [
        SynchronizedField("kind"),
        TranslatableField("name"),
        SynchronizedField("date"),
        TranslatableField("place"),
        SynchronizedField("celebrates_anniversary"),
        # Links are kept as they are and followed by translation key when shown (see locales.py).
        SynchronizedField("commemoration"),
        SynchronizedField("movement"),
        SynchronizedField("congress_ordinal"),
        TranslatableField("congress_name"),
        TranslatableField("description"),
    ]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return self.name or f"{self.get_kind_display()} ({self.date:%d/%m/%Y})"

    def timing(self, today) -> timeline.PhaseTiming:
        """Whether the review is still to come (with its countdown), held today, or past."""
        return timeline.phase_timing(self.date, self.date, today)

    def anniversary_number(self, tradition_day) -> int | None:
        """Which anniversary the review celebrates: of its own commemoration, else of ``tradition_day``
        (the plan's or the section's :class:`~thidua_wagtail.models.Commemoration`)."""
        if not self.celebrates_anniversary:
            return None
        commemoration = self.commemoration if self.commemoration_id else tradition_day
        return commemoration.anniversary_number(self.date) if commemoration is not None else None

    def clean(self):
        super().clean()
        errors = {}
        if self.commemoration_id and not self.celebrates_anniversary:
            errors["celebrates_anniversary"] = _(
                "You chose a day whose anniversary the review celebrates: tick this box, or clear that day."
            )
        if (
            self.celebrates_anniversary
            and self.commemoration_id
            and self.date
            and self.commemoration.anniversary_number(self.date) is None
        ):
            errors["commemoration"] = _("The review is held before the first anniversary of this day.")
        if self.congress_name and not self.congress_ordinal:
            errors["congress_ordinal"] = _("Give the number of the congress, e.g. 6.")
        if errors:
            raise ValidationError(errors)


def annotate_reviews(reviews, today, locale_id, tradition_day_ids, known=()):
    """Prepare ``reviews`` for a page in ``locale_id``: each gets ``current_timing``, ``anniversary`` (its
    number, or None), ``shown_commemoration`` (the day celebrated, in the reader's language) and
    ``shown_movement`` (the movement reviewed, likewise). ``tradition_day_ids`` maps a review's ``plan_id``
    to the Tradition Day it falls back on; ``known`` holds commemorations already read (the reviews' own, read
    with them, are used too). Two queries at most, whatever the number of reviews; none in the language the
    records were made in, with the reviews' commemorations and the Tradition Days read by joins."""
    from ..locales import in_locale
    from .commemorations import commemorations_in_locale

    reviews = list(reviews)

    def celebrated_id(review):
        if not review.celebrates_anniversary:
            return None
        return review.commemoration_id or tradition_day_ids.get(review.plan_id)

    known = [*known, *(r.commemoration for r in reviews if "commemoration" in r._state.fields_cache)]
    shown = commemorations_in_locale({celebrated_id(review) for review in reviews}, locale_id, known)
    movements = in_locale([review.movement if review.movement_id else None for review in reviews], locale_id)
    for review, movement in zip(reviews, movements, strict=True):
        review.current_timing = review.timing(today)
        review.shown_movement = movement
        review.shown_commemoration = shown.get(celebrated_id(review))
        review.anniversary = (
            review.shown_commemoration.anniversary_number(review.date) if review.shown_commemoration else None
        )
    return reviews
