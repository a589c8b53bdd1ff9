"""A phase extended while it runs says so on the public page and keeps its earlier end dates
(issue 11, item 3), whether the editor publishes at once or saves a draft first."""

import pytest
import time_machine
from django.urls import reverse

from tests.factories import make_hub, make_plan, plan_post_data
from tests.utils import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = make_plan(make_hub(), phases=1, movements=0, start_year=2025, end_year=2026)
    plan.phases.update(name="Đợt 1", start_date="2025-01-01", end_date="2025-06-30")
    return plan


def move_end(editor, plan, end, action="action-publish", **phase):
    plan.refresh_from_db()
    data = plan_post_data(plan, **{"phases-0-end_date": end, **{f"phases-0-{k}": v for k, v in phase.items()}})
    response = editor.post(reverse("wagtailadmin_pages:edit", args=(plan.pk,)), {**data, action: action})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_an_extension_while_the_phase_runs_is_announced_with_the_earlier_dates(editor, client, plan):
    with time_machine.travel("2025-05-10 09:00 +0700"):
        move_end(editor, plan, "31/12/2025")
        page = text_of(client.get(plan.url))
        assert "Gia hạn đến 31/12/2025." in page
        assert "Dự kiến ban đầu kết thúc ngày 30/6/2025." in page

    with time_machine.travel("2025-12-20 09:00 +0700"):
        move_end(editor, plan, "31/3/2026")
        page = text_of(client.get(plan.url))
        assert "Gia hạn đến 31/3/2026." in page
        assert "Các ngày kết thúc trước đó: 30/6/2025, 31/12/2025." in page


def test_the_history_survives_a_draft_a_rename_and_a_later_publish(editor, client, plan):
    with time_machine.travel("2025-05-10 09:00 +0700"):
        move_end(editor, plan, "31/12/2025")
        # The next edit form is loaded from the latest revision, which predates the recorded history.
        move_end(editor, plan, "31/12/2025", action="action-save", name="Đợt 1 (gia hạn)")
        move_end(editor, plan, "31/12/2025", name="Đợt 1 (gia hạn)")
    phase = plan.phases.get()
    assert phase.name == "Đợt 1 (gia hạn)"
    assert phase.previous_end_dates == ["2025-06-30"]
    assert "Dự kiến ban đầu kết thúc ngày 30/6/2025." in text_of(client.get(plan.url))


def test_a_phase_re_planned_before_it_began_or_shortened_announces_no_extension(editor, client, plan):
    with time_machine.travel("2024-12-01 09:00 +0700"):
        move_end(editor, plan, "31/7/2025")
    with time_machine.travel("2025-05-10 09:00 +0700"):
        move_end(editor, plan, "15/7/2025")
        page = text_of(client.get(plan.url))
    assert "Gia hạn" not in page and plan.phases.get().previous_end_dates == []
