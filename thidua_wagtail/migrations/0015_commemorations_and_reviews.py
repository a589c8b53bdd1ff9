"""Commemorations become records of their own, and reviews events of their own.

* A hub's or plan's Tradition Day (a date and a name) becomes a link to a Commemoration: the one shipped
  with the package where the date and the name match, else one made from the page's own words (a
  translated page's name becomes the translation of its source's commemoration).
* The review fields of each phase become a Review of its plan, on the same date (the phase's last day
  where the review had no date of its own), with the same event, anniversary and congress.
* Page revisions and wagtail-localize's translation sources are rewritten alike, so that an editor who
  opens a draft, compares or reverts revisions, or syncs a translation loses nothing.
"""

import datetime
import json
import uuid

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import modelsearch.index
import swapper
from django.conf import settings
from django.db import migrations, models
from wagtail.coreutils import get_supported_content_language_variant


#: Namespace of the translation keys of reviews made from phases: translations of one phase give
#: translations of one review.
REVIEW_KEYS = uuid.UUID("5b1f3c52-6f3e-4e0a-9a54-7d3c1f1b8e21")
REVIEW_FIELDS = ("review_kind", "review_event", "review_date", "celebrates_anniversary", "congress_ordinal", "congress_name")
PAGE_MODELS = ("emulationindexpage", "planpage")


def _fold(text):
    from thidua_wagtail.text import fold

    return " ".join(fold(text or "").split())


def _default_locale(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    language_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale = Locale.objects.filter(language_code=language_code).first()
    return locale or Locale.objects.order_by("pk").first() or Locale.objects.create(language_code=language_code)


class _Commemorations:
    """Finds or makes the commemoration a page's (date, name) in a locale stands for."""

    def __init__(self, apps):
        self.model = apps.get_model("thidua_wagtail", "Commemoration")
        self.default_locale = _default_locale(apps)
        self.found = {}

    def get(self, day, name, locale_id, source_pk=None):
        """The pk of the commemoration of ``day`` named ``name`` in ``locale_id``; ``source_pk``, where given,
        is the commemoration of the page's source, of which this one is then a translation."""
        key = (day, _fold(name), locale_id)
        if key in self.found:
            return self.found[key]
        model = self.model
        if source_pk is not None:
            source = model.objects.get(pk=source_pk)
            existing = model.objects.filter(translation_key=source.translation_key, locale_id=locale_id).first()
            pk = existing.pk if existing else self._create(day, name, locale_id, source).pk
        else:
            same_day = list(model.objects.filter(original_date=day, locale_id=locale_id))
            match = next((c for c in same_day if _fold(c.name) == _fold(name)), None)
            # A page that named its Tradition Day loosely ("Ngày truyền thống ngành") still means the one day
            # of that date the portal has, if it has only one.
            if match is None and len(same_day) == 1 and not name:
                match = same_day[0]
            pk = match.pk if match else self._create(day, name, locale_id).pk
        self.found[key] = pk
        return pk

    def _create(self, day, name, locale_id, source=None):
        name = name or "Ngày truyền thống"
        return self.model.objects.create(
            name=name,
            original_date=day,
            kind=source.kind if source else "sector",
            source=source.source if source else "",
            locale_id=locale_id,
            translation_key=source.translation_key if source else uuid.uuid4(),
            search_text=_fold(name),
        )


def _page_rows(apps):
    """(model, page) for every hub and plan, pages in the default language first."""
    Page = apps.get_model(*swapper.get_model_name("wagtailcore", "Page").split("."))
    rows = []
    for name in PAGE_MODELS:
        model = apps.get_model("thidua_wagtail", name)
        rows += [(model, page) for page in model.objects.filter(tradition_day__isnull=False).order_by("pk")]
    default = _default_locale(apps).pk
    rows.sort(key=lambda row: (row[1].locale_id != default, row[1].pk))
    return Page, rows


def _review_from_phase(phase, locale_id):
    """The review fields of a phase (a dict) as a review's fields, or None if the phase had no review."""
    kind = phase.get("review_kind") or "none"
    if kind == "none":
        return None
    day = phase.get("review_date") or phase.get("end_date")
    if not day:
        return None
    key = phase.get("translation_key")
    return {
        "kind": kind,
        "name": phase.get("review_event") or "",
        "date": day,
        "place": "",
        "celebrates_anniversary": bool(phase.get("celebrates_anniversary")),
        "commemoration": None,
        "congress_ordinal": phase.get("congress_ordinal"),
        "congress_name": phase.get("congress_name") or "",
        "description": "",
        "movement": None,
        "sort_order": phase.get("sort_order"),
        "translation_key": str(uuid.uuid5(REVIEW_KEYS, str(key))) if key else str(uuid.uuid4()),
        "locale": phase.get("locale") or locale_id,
    }


def forwards(apps, schema_editor):
    from thidua_wagtail.catalogue_loader import load_commemorations

    commemorations = _Commemorations(apps)
    load_commemorations(commemorations.model, commemorations.default_locale)

    # 1. Tradition Days of hubs and plans.
    Page, rows = _page_rows(apps)
    by_page = {}  # (model name, translation key, locale) -> commemoration pk
    of_page = {}  # page pk -> (commemoration pk, date)
    for model, page in rows:
        source_pk = None
        if page.locale_id != commemorations.default_locale.pk:
            source_pk = next(
                (pk for (name, key, locale), pk in by_page.items() if name == model.__name__ and key == page.translation_key),
                None,
            )
        pk = commemorations.get(page.tradition_day, page.tradition_day_name, page.locale_id, source_pk)
        by_page[(model.__name__, page.translation_key, page.locale_id)] = pk
        of_page[page.pk] = (pk, page.tradition_day)
        model.objects.filter(pk=page.pk).update(tradition_commemoration=pk)

    # 2. Reviews of phases.
    Phase = apps.get_model("thidua_wagtail", "Phase")
    Review = apps.get_model("thidua_wagtail", "Review")
    review_of_phase = {}
    for phase in Phase.objects.exclude(review_kind="none").order_by("plan_id", "sort_order", "pk"):
        data = {field: getattr(phase, field) for field in (*REVIEW_FIELDS, "end_date", "sort_order")}
        data["translation_key"] = phase.translation_key
        fields = _review_from_phase(data, phase.locale_id)
        if fields is None:
            continue
        fields["locale_id"] = fields.pop("locale")
        for link in ("commemoration", "movement"):
            fields[f"{link}_id"] = fields.pop(link)
        review_of_phase[phase.pk] = Review.objects.create(plan_id=phase.plan_id, **fields).pk

    # 3. Revisions and translation sources of hubs and plans hold the same fields in their JSON.
    def convert(content, locale_id):
        changed = False
        if "tradition_day_name" in content or isinstance(content.get("tradition_day"), str):
            day, name = content.get("tradition_day"), content.pop("tradition_day_name", "")
            day = datetime.date.fromisoformat(day) if day else None
            current = of_page.get(content.get("pk"))
            if day is None:
                content["tradition_day"] = None
            elif current and current[1] == day:
                # An earlier version of the page, or a draft, with the day the page has now (its name may
                # have been typed otherwise, or not yet translated): the same commemoration.
                content["tradition_day"] = current[0]
            else:
                content["tradition_day"] = commemorations.get(day, name, content.get("locale") or locale_id)
            changed = True
        phases = content.get("phases")
        if isinstance(phases, list) and any(any(field in phase for field in REVIEW_FIELDS) for phase in phases):
            reviews = []
            for phase in phases:
                review = _review_from_phase(phase, content.get("locale") or locale_id)
                for field in REVIEW_FIELDS:
                    phase.pop(field, None)
                if review is not None:
                    review["pk"] = review_of_phase.get(phase.get("pk"))
                    review["plan"] = content.get("pk")
                    reviews.append(review)
            content.setdefault("reviews", reviews)
            changed = True
        return changed

    ContentType = apps.get_model("contenttypes", "ContentType")
    types = list(ContentType.objects.filter(app_label="thidua_wagtail", model__in=PAGE_MODELS).values_list("pk", flat=True))
    if not types:
        return
    Revision = apps.get_model("wagtailcore", "Revision")
    default = commemorations.default_locale.pk
    for revision in Revision.objects.filter(content_type_id__in=types).iterator():
        content = revision.content
        if isinstance(content, str):
            content = json.loads(content)
        if convert(content, default):
            Revision.objects.filter(pk=revision.pk).update(content=content)
    try:
        TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
        TranslationContext = apps.get_model("wagtail_localize", "TranslationContext")
    except LookupError:
        return
    for source in TranslationSource.objects.filter(specific_content_type_id__in=types).iterator():
        content = json.loads(source.content_json)
        if convert(content, source.locale_id):
            TranslationSource.objects.filter(pk=source.pk).update(content_json=json.dumps(content, cls=_Encoder))
    # A translator's words for a review's event and congress were given in the phase's context: they move with
    # the review, so that the next sync of a translation finds them.
    renamed = {"review_event": "name", "congress_name": "congress_name"}
    for context in TranslationContext.objects.filter(path__startswith="phases.", field_path__in=[f"phases.{f}" for f in renamed]):
        _phases, key, field = context.path.split(".", 2)
        path = f"reviews.{uuid.uuid5(REVIEW_KEYS, key)}.{renamed[field]}"
        path_id = uuid.uuid5(uuid.UUID("fcab004a-2b50-11ea-978f-2e728ce88125"), path)
        if not TranslationContext.objects.filter(object_id=context.object_id, path_id=path_id).exists():
            TranslationContext.objects.filter(pk=context.pk).update(
                path=path, path_id=path_id, field_path=f"reviews.{renamed[field]}"
            )


class _Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, (datetime.date, uuid.UUID)):
            return str(o)
        return super().default(o)


class Migration(migrations.Migration):
    dependencies = [
        ("thidua_wagtail", "0014_government_awarding_level"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Commemoration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("search_text", models.TextField(blank=True, default="", editable=False)),
                ("name", models.CharField(help_text="As a plan writes it after “kỷ niệm … năm”, e.g. “Ngày Truyền thống ngành Tư pháp”.", max_length=255, verbose_name="name")),
                ("original_date", models.DateField(help_text="The day of the event itself, from which anniversaries are counted, e.g. 28/8/1945.", verbose_name="original date")),
                ("kind", models.CharField(choices=[("national", "National"), ("sector", "A sector's Tradition Day"), ("local", "A province's or locality's day")], default="sector", max_length=10, verbose_name="kind")),
                ("source", models.CharField(blank=True, help_text="What the date rests on: the event, or the decision that designated the day.", max_length=255, verbose_name="source")),
                ("code", models.SlugField(blank=True, editable=False, max_length=100, verbose_name="code")),
                ("is_shipped", models.BooleanField(default=False, editable=False, verbose_name="shipped with the package")),
                ("locale", models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
            ],
            options={
                "verbose_name": "commemoration",
                "verbose_name_plural": "commemorations",
                "ordering": ["original_date", "name"],
                "unique_together": {("translation_key", "locale")},
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.AddConstraint(
            model_name="commemoration",
            constraint=models.UniqueConstraint(condition=models.Q(("code", ""), _negated=True), fields=("code", "locale"), name="thidua_unique_commemoration_code"),
        ),
        migrations.AddField(
            model_name="emulationindexpage",
            name="tradition_commemoration",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="thidua_wagtail.commemoration"),
        ),
        migrations.AddField(
            model_name="planpage",
            name="tradition_commemoration",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="thidua_wagtail.commemoration"),
        ),
        migrations.CreateModel(
            name="Review",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("kind", models.CharField(choices=[("interim", "Interim review"), ("final", "Final review")], max_length=10, verbose_name="kind of review")),
                ("name", models.CharField(blank=True, help_text="e.g. “Hội nghị sơ kết Đợt 1”; leave empty to show only the kind of review.", max_length=255, verbose_name="event")),
                ("date", models.DateField(help_text="The day it is held; it may fall after the phase has ended.", verbose_name="date")),
                ("place", models.CharField(blank=True, help_text="e.g. “Hội trường Sở Tư pháp”.", max_length=255, verbose_name="place")),
                ("celebrates_anniversary", models.BooleanField(default=False, help_text="Tick if the review is held together with an anniversary: of the day chosen below, or, if none is chosen, of the Tradition Day of the plan or of the section. The anniversary's number is computed.", verbose_name="held with an anniversary")),
                ("congress_ordinal", models.PositiveSmallIntegerField(blank=True, help_text="e.g. 6 for the 6th Patriotic Emulation Congress (“lần thứ VI”).", null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(99)], verbose_name="congress number")),
                ("congress_name", models.CharField(blank=True, help_text="e.g. “Đại hội Thi đua yêu nước ngành Tư pháp”.", max_length=255, verbose_name="congress")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("commemoration", models.ForeignKey(blank=True, help_text="Leave empty for the Tradition Day of the plan or of the section.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="thidua_wagtail.commemoration", verbose_name="anniversary of")),
                ("locale", models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
                ("movement", models.ForeignKey(blank=True, help_text="Leave empty for a review of the whole plan.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="reviews", to="thidua_wagtail.movementpage", verbose_name="movement reviewed")),
                ("plan", modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name="reviews", to="thidua_wagtail.planpage", verbose_name="plan")),
            ],
            options={
                "verbose_name": "review",
                "verbose_name_plural": "reviews",
                "ordering": ["sort_order"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
                "indexes": [models.Index(fields=["date"], name="thidua_review_date")],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        *[migrations.RemoveField(model_name="phase", name=field) for field in REVIEW_FIELDS],
        *[
            operation
            for model_name in PAGE_MODELS
            for operation in (
                migrations.RemoveField(model_name=model_name, name="tradition_day_name"),
                migrations.RemoveField(model_name=model_name, name="tradition_day"),
                migrations.RenameField(model_name=model_name, old_name="tradition_commemoration", new_name="tradition_day"),
                migrations.AlterField(
                    model_name=model_name,
                    name="tradition_day",
                    field=models.ForeignKey(blank=True, help_text="The day the sector celebrates, e.g. “Ngày Truyền thống ngành Tư pháp” (28/8/1945). Reviews held with an anniversary count it from this day unless they name another one.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="thidua_wagtail.commemoration", verbose_name="Tradition Day"),
                ),
            )
        ],
    ]
