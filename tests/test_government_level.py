"""Issue 11, item 6: the Government and the Prime Minister as distinct awarding levels, in the form an editor
fills and in the upgrade of existing records."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from tests.factories import make_decision
from thidua_wagtail.models import AwardType, Decision, Honour

pytestmark = pytest.mark.django_db

migration = importlib.import_module("thidua_wagtail.migrations.0014_government_awarding_level")


def flag(code="co-thi-dua-cua-chinh-phu"):
    return AwardType.objects.get(code=code)


def add_honour(editor, decision, award):
    data = {
        "decision": decision.pk,
        "recipient_kind": "collective",
        "person_name": "",
        "position": "",
        "unit": "",
        "unit_text": "Sở Tư pháp tỉnh Đồng Tháp",
        "award": award.pk,
        "achievement": "",
        "posthumous": "",
    }
    return editor.post(reverse("wagtailsnippets_thidua_wagtail_honour:add"), data)


def test_the_government_s_flag_is_given_by_a_government_decision_not_the_prime_minister_s(editor):
    government = make_decision(number="10/QĐ-TTg", authority="government", date=datetime.date(2025, 3, 1))
    prime_minister = make_decision(number="11/QĐ-TTg", authority="prime_minister", date=datetime.date(2025, 3, 1))
    assert add_honour(editor, government, flag()).status_code == 302
    response = add_honour(editor, prime_minister, flag())
    errors = " ".join(response.context["form"].errors["award"])
    assert "không thuộc thẩm quyền khen thưởng của Thủ tướng Chính phủ" in errors
    assert not prime_minister.honours.exists()


def test_the_award_chooser_tells_the_two_flags_apart(editor):
    from tests.test_admin_search import chooser, chooser_rows

    response = chooser(editor, "awardtype", q="co thi dua cua chinh phu")
    assert chooser_rows(response).count("Cờ thi đua của Chính phủ") == 2
    html = response.content.decode()
    assert "đến 31/12/2023" in html and "từ 1/1/2024" in html


def test_before_2024_the_flag_was_the_prime_minister_s(editor):
    decision = make_decision(number="12/QĐ-TTg", authority="prime_minister", date=datetime.date(2020, 3, 1))
    assert add_honour(editor, decision, flag("co-thi-dua-cua-chinh-phu-2003")).status_code == 302
    response = add_honour(editor, decision, flag())
    assert "không có hiệu lực vào ngày" in " ".join(response.context["form"].errors["award"])


def test_the_upgrade_splits_the_flag_and_moves_decisions_that_give_only_the_flag():
    # The state before the upgrade: one flag entry, the Prime Minister's.
    new = flag()
    Honour.objects.filter(award__code="co-thi-dua-cua-chinh-phu-2003").delete()
    AwardType.objects.filter(code="co-thi-dua-cua-chinh-phu-2003").delete()
    AwardType.objects.filter(pk=new.pk).update(authorities=["prime_minister"], valid_from=None)
    certificate = "bang-khen-cua-thu-tuong-chinh-phu"
    collective = {"recipient_kind": "collective", "unit_text": "Sở Tư pháp tỉnh Đồng Tháp"}
    old_decision = make_decision(
        number="1/QĐ-TTg",
        authority="prime_minister",
        date=datetime.date(2022, 5, 1),
        honours=[{**collective, "award": new}],
    )
    flag_only = make_decision(
        number="2/QĐ-TTg",
        authority="prime_minister",
        date=datetime.date(2024, 5, 1),
        honours=[{**collective, "award": new}],
    )
    mixed = make_decision(
        number="3/QĐ-TTg",
        authority="prime_minister",
        date=datetime.date(2024, 5, 1),
        honours=[{**collective, "award": new}, {**collective, "award": certificate}],
    )
    migration.split_government_flag(apps, None)
    old_entry = flag("co-thi-dua-cua-chinh-phu-2003")
    assert old_decision.honours.get().award_id == old_entry.pk
    assert old_entry.authorities == ["prime_minister"] and old_entry.valid_until == datetime.date(2023, 12, 31)
    new.refresh_from_db()
    assert new.authorities == ["government"] and new.valid_from == datetime.date(2024, 1, 1)
    assert Decision.objects.get(pk=flag_only.pk).authority == "government"
    assert flag_only.honours.get().decision_authority == "government"
    assert Decision.objects.get(pk=mixed.pk).authority == "prime_minister"
    # The catalogue command agrees with the upgrade: nothing left to change.
    from thidua_wagtail.catalogue_loader import load_catalogue

    assert load_catalogue() == (0, 0)
