"""Upgrade scenario of migration 0015, run by tests/test_migrations.py in a process and a database of its own.

Run as ``python -m tests.scenarios.upgrade_0015`` with DATABASE_URL naming an empty database: it migrates to 0014,
stores a hub, plans, phases with reviews, a draft revision and a translation source as the earlier version of the
package stored them, migrates to 0015 and checks what became of them. An assertion that fails exits non-zero.
"""

import datetime
import json
import os
import uuid

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

BEFORE = [("thidua_wagtail", "0014_government_awarding_level")]
AFTER = [("thidua_wagtail", "0015_commemorations_and_reviews")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def add_page(apps, model_name, parent, slug, **fields):
    """A page made with the historical models, as an earlier version of the package stored it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    model = apps.get_model("thidua_wagtail", model_name)
    content_type, _ = ContentType.objects.get_or_create(app_label="thidua_wagtail", model=model_name.lower())
    Page = apps.get_model("wagtailcore", "Page")
    position = Page.objects.filter(depth=parent.depth + 1, path__startswith=parent.path).count() + 1
    return model.objects.create(
        title=fields.pop("title", slug),
        draft_title=slug,
        slug=slug,
        path=f"{parent.path}{position:04d}",
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        content_type=content_type,
        locale_id=parent.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        **fields,
    )


def main():
    call_command("migrate", "thidua_wagtail", "0014_government_awarding_level", verbosity=0)
    call_command("migrate", "wagtail_localize", verbosity=0)
    apps = migrate(BEFORE)
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    root = Page.objects.get(depth=1)
    vi = Locale.objects.get(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = Page.objects.filter(depth=2).first()
    hub = add_page(
        apps,
        "EmulationIndexPage",
        home or root,
        "thi-dua-cu",
        tradition_day=datetime.date(1945, 8, 28),
        tradition_day_name="Ngày truyền thống ngành Tư pháp",  # typed with a small "t"
        intro="",
    )
    Unit = apps.get_model("thidua_wagtail", "Unit")
    issuer = Unit.objects.create(name="Sở Tư pháp", locale=vi, translation_key=uuid.uuid4())
    plan_fields = {
        "number": "599/KH-STP",
        "issue_date": datetime.date(2021, 5, 28),
        "issuer": issuer,
        "signer_position": "Giám đốc",
        "start_year": 2021,
        "end_year": 2025,
        "body": "[]",
    }
    plan = add_page(
        apps,
        "PlanPage",
        hub,
        "ke-hoach-cu",
        tradition_day=datetime.date(1946, 1, 6),
        tradition_day_name="Ngày Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam",
        **plan_fields,
    )
    Phase = apps.get_model("thidua_wagtail", "Phase")
    key = uuid.uuid4()
    phase = Phase.objects.create(
        plan=plan,
        locale=vi,
        translation_key=key,
        name="Đợt 2",
        start_date=datetime.date(2023, 8, 29),
        end_date=datetime.date(2025, 8, 28),
        review_kind="final",
        review_event="Hội nghị tổng kết",
        celebrates_anniversary=True,
        congress_ordinal=6,
        congress_name="Đại hội Thi đua yêu nước",
        sort_order=1,
    )
    Phase.objects.create(
        plan=plan,
        locale=vi,
        translation_key=uuid.uuid4(),
        name="Đợt 1",
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2023, 8, 28),
        sort_order=0,
    )
    # The English plan, a translation of the same phase.
    en_plan = add_page(
        apps,
        "PlanPage",
        hub,
        "old-plan",
        tradition_day=datetime.date(1946, 1, 6),
        tradition_day_name="the first general election",
        **plan_fields,
    )
    Page.objects.filter(pk=en_plan.pk).update(locale=en, translation_key=plan.translation_key)
    Phase.objects.create(
        plan=en_plan,
        locale=en,
        translation_key=key,
        name="Phase 2",
        start_date=datetime.date(2023, 8, 29),
        end_date=datetime.date(2025, 8, 28),
        review_kind="final",
        review_event="Final review conference",
        review_date=datetime.date(2025, 9, 5),
        celebrates_anniversary=True,
    )
    # An editor's unpublished draft: the review renamed, in the revision only.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    draft = {
        "pk": plan.pk,
        "title": plan.title,
        "locale": vi.pk,
        "tradition_day": "1946-01-06",
        "tradition_day_name": "Ngày Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam",
        "phases": [
            {
                "pk": phase.pk,
                "plan": plan.pk,
                "translation_key": str(key),
                "locale": vi.pk,
                "name": "Đợt 2",
                "start_date": "2023-08-29",
                "end_date": "2025-08-28",
                "review_kind": "final",
                "review_event": "Hội nghị tổng kết (bản nháp)",
                "review_date": None,
                "celebrates_anniversary": True,
                "congress_ordinal": 6,
                "congress_name": "Đại hội Thi đua yêu nước",
            }
        ],
    }
    plan_type = ContentType.objects.get(app_label="thidua_wagtail", model="planpage")
    revision = Revision.objects.create(
        content_type=plan_type,
        base_content_type=plan_type,
        object_id=str(plan.pk),
        content=draft,
        created_at=datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC),
    )
    # wagtail-localize's tables are as they are today (only this package was migrated back): its own models.
    from django.contrib.contenttypes.models import ContentType as CurrentContentType
    from wagtail_localize.models import TranslatableObject, TranslationSource

    TranslatableObject.objects.get_or_create(
        translation_key=plan.translation_key,
        content_type=CurrentContentType.objects.get(app_label="wagtailcore", model="page"),
    )
    source = TranslationSource.objects.create(
        object_id=plan.translation_key,
        specific_content_type_id=plan_type.pk,
        locale_id=vi.pk,
        object_repr=plan.title,
        content_json=json.dumps(draft),
        last_updated_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )

    apps = migrate(AFTER)
    Commemoration = apps.get_model("thidua_wagtail", "Commemoration")
    Review = apps.get_model("thidua_wagtail", "Review")
    HubAfter = apps.get_model("thidua_wagtail", "EmulationIndexPage")
    PlanAfter = apps.get_model("thidua_wagtail", "PlanPage")

    justice = Commemoration.objects.get(code="truyen-thong-nganh-tu-phap", locale_id=vi.pk)
    election = Commemoration.objects.get(code="tong-tuyen-cu-dau-tien", locale_id=vi.pk)
    # The hub's day is the shipped one, whatever the capitals; the plan's too; the English plan's is its translation.
    assert HubAfter.objects.get(pk=hub.pk).tradition_day_id == justice.pk
    assert PlanAfter.objects.get(pk=plan.pk).tradition_day_id == election.pk
    english_day = Commemoration.objects.get(pk=PlanAfter.objects.get(pk=en_plan.pk).tradition_day_id)
    assert (english_day.locale_id, english_day.translation_key) == (en.pk, election.translation_key)
    assert english_day.name == "the first general election"

    review = Review.objects.get(plan_id=plan.pk)
    assert (review.kind, review.name, review.date) == ("final", "Hội nghị tổng kết", datetime.date(2025, 8, 28))
    assert (review.celebrates_anniversary, review.congress_ordinal, review.congress_name) == (
        True,
        6,
        "Đại hội Thi đua yêu nước",
    )
    en_review = Review.objects.get(plan_id=en_plan.pk)
    assert (en_review.name, en_review.date) == ("Final review conference", datetime.date(2025, 9, 5))
    assert en_review.translation_key == review.translation_key  # still translations of one another
    assert Review.objects.count() == 2  # Đợt 1 had no review

    content = Revision.objects.get(pk=revision.pk).content
    assert content["tradition_day"] == election.pk and "tradition_day_name" not in content
    assert [r["name"] for r in content["reviews"]] == ["Hội nghị tổng kết (bản nháp)"]
    assert content["reviews"][0]["pk"] == review.pk
    assert "review_kind" not in content["phases"][0]
    translated = json.loads(TranslationSource.objects.get(pk=source.pk).content_json)
    assert translated["reviews"][0]["congress_ordinal"] == 6 and translated["tradition_day"] == election.pk
    print("upgrade 0015: ok")


if __name__ == "__main__":
    main()
