"""A decision's honours in their own admin listing, as an editor meets them (issue 10, item 3)."""

import pytest
from django.urls import reverse

from tests.factories import make_decision, make_unit
from tests.utils import text_of
from thidua_wagtail.models import Honour

pytestmark = pytest.mark.django_db

LISTING = "wagtailsnippets_thidua_wagtail_honour:list"


def people(*names, award="lao-dong-tien-tien"):
    return [{"recipient_kind": "individual", "person_name": name, "award": award} for name in names]


def results(client, **params):
    return text_of(client.get(reverse("wagtailsnippets_thidua_wagtail_honour:list_results"), params))


def test_the_listing_shows_one_decisions_honours_and_finds_them_by_name(editor):
    mine = make_decision(number="12/QĐ-STP", honours=people("Nguyễn Văn An", "Trần Thị Bình"))
    make_decision(number="13/QĐ-STP", honours=people("Lê Văn Cường"))
    text = results(editor, decision=mine.pk)
    assert "Nguyễn Văn An" in text and "Trần Thị Bình" in text and "Lê Văn Cường" not in text
    found = results(editor, decision=mine.pk, q="nguyen van")
    assert "Nguyễn Văn An" in found and "Trần Thị Bình" not in found
    page = text_of(editor.get(reverse(LISTING), {"decision": mine.pk}))
    assert "12/QĐ-STP" in page  # the decision is named in the heading


@pytest.mark.parametrize("query", ['van "an', "van AND an", "van an*", "NEAR(van an)"])
def test_the_listings_search_reads_the_index_syntax_as_text_to_find(editor, query):
    # An editor who types quotes, AND, a star or NEAR(…) gets the listing, with no honour holding that text.
    make_decision(honours=people("Nguyễn Văn An", "Trần Thị Bình"))
    for view in ("list", "list_results"):
        response = editor.get(reverse(f"wagtailsnippets_thidua_wagtail_honour:{view}"), {"q": query})
        assert response.status_code == 200
        assert "Nguyễn Văn An" not in text_of(response)
    assert "Nguyễn Văn An" in results(editor, q="văn an")


def test_the_listing_filters_by_kind_and_award(editor):
    unit = make_unit("Phòng Hành chính – Tư pháp")
    decision = make_decision(
        honours=[
            *people("Nguyễn Văn An"),
            *people("Trần Thị Bình", award="giay-khen"),
            {"recipient_kind": "collective", "unit": unit, "award": "tap-the-lao-dong-tien-tien"},
        ]
    )
    collectives = results(editor, decision=decision.pk, recipient_kind="collective")
    assert "Phòng Hành chính – Tư pháp" in collectives and "Nguyễn Văn An" not in collectives
    award = Honour.objects.get(person_name="Trần Thị Bình").award_id
    by_award = results(editor, decision=decision.pk, award=award)
    assert "Trần Thị Bình" in by_award and "Nguyễn Văn An" not in by_award


def test_the_listing_exports_the_decisions_honours_without_formulas(editor):
    decision = make_decision(honours=people("Nguyễn Văn An", '=HYPERLINK("http://x")'))
    response = editor.get(reverse(LISTING), {"decision": decision.pk, "export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "Nguyễn Văn An" in text and "'=HYPERLINK" in text


def test_an_honour_is_edited_on_its_own_and_the_editor_returns_to_the_decisions_list(editor):
    decision = make_decision(honours=people("Nguyen Van An"))
    honour = decision.honours.get()
    url = reverse("wagtailsnippets_thidua_wagtail_honour:edit", args=(honour.pk,))
    data = {
        "decision": decision.pk,
        "recipient_kind": "individual",
        "person_name": "Nguyễn Văn An",
        "position": "Chuyên viên",
        "unit": "",
        "award": honour.award_id,
        "achievement": "",
        "posthumous": "",
    }
    response = editor.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith(f"?decision={decision.pk}")
    honour.refresh_from_db()
    assert honour.person_name == "Nguyễn Văn An" and honour.search_name == "nguyen van an"


def test_the_decision_form_counts_its_honours_and_inlines_none(editor):
    decision = make_decision(honours=people(*[f"Người {i}" for i in range(30)]))
    html = editor.get(reverse("wagtailsnippets_thidua_wagtail_decision:edit", args=(decision.pk,))).content.decode()
    assert "có 30 lượt khen thưởng" in html
    assert "honours-TOTAL_FORMS" not in html and "Người 7" not in html
    assert f"?decision={decision.pk}" in html


def test_the_import_lands_on_the_decisions_honours(editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    decision = make_decision()
    csv = "Loại;Họ và tên;Danh hiệu, hình thức khen thưởng\nCá nhân;Nguyễn Văn An;Lao động tiên tiến\n"
    response = editor.post(
        reverse("thidua_import_honours", args=(decision.pk,)),
        {"file": SimpleUploadedFile("ds.csv", csv.encode())},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(LISTING)}?decision={decision.pk}"


@pytest.mark.parametrize("view", ["listing", "form"])
def test_queries_do_not_grow_with_the_decisions_honours(editor, view, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(decision):
        url = (
            f"{reverse(LISTING)}?decision={decision.pk}"
            if view == "listing"
            else reverse("wagtailsnippets_thidua_wagtail_decision:edit", args=(decision.pk,))
        )
        editor.get(url)  # the first visit of a decision form writes its first revision
        with CaptureQueriesContext(connection) as ctx:
            assert editor.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = make_decision(number="1/QĐ-STP", honours=people("Nguyễn Văn An"))
    large = make_decision(number="2/QĐ-STP", honours=people(*[f"Người {i}" for i in range(300)]))
    assert queries(large) == queries(small)
