"""Illustrative content of the demo, marked as sample data: a plan under way and decisions with honours.

The reference article's plan ended in 2025, and it reports totals only; loaded on any later
day, the demo would show no phase under way and an empty roll. This plan's dates are computed
from the day the demo is loaded, and its decisions name fictional people. Everything here is
flagged ``is_sample``, which the pages show.
"""

from __future__ import annotations

import datetime

from thidua_wagtail.models import (
    AwardType,
    Decision,
    Honour,
    MovementPage,
    Phase,
    PlanMovement,
    PlanPage,
    Review,
    ReviewKind,
    Unit,
    local_today,
)

SLUG = "ke-hoach-thi-dua-minh-hoa"
NUMBER = "01/KH-STP-MH"

# Fictional people: common family, middle and given names, in no real decision.
PEOPLE = [
    ("Nguyễn Thị Minh Thư", "Chuyên viên", "Văn phòng Sở"),
    ("Trần Quốc Bảo", "Phó Chánh Văn phòng", "Văn phòng Sở"),
    ("Lê Hoàng Phúc", "Thanh tra viên", "Thanh tra Sở"),
    ("Phạm Ngọc Hân", "Chuyên viên", "Phòng Phổ biến, giáo dục pháp luật"),
    ("Võ Thanh Tùng", "Trưởng phòng", "Phòng Hành chính tư pháp"),
    ("Huỳnh Kim Ngân", "Chuyên viên", "Phòng Hành chính tư pháp"),
    ("Đặng Minh Khôi", "Trợ giúp viên pháp lý", "Trung tâm Trợ giúp pháp lý nhà nước"),
    ("Bùi Thị Thu Trang", "Đấu giá viên", "Trung tâm Dịch vụ đấu giá tài sản"),
    ("Đỗ Văn Lực", "Công chứng viên", "Phòng Công chứng số 1"),
    ("Ngô Thị Bích Liên", "Chuyên viên", "Phòng Bổ trợ tư pháp"),
    ("Nguyễn Văn An", "Chuyên viên", "Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật"),
    ("Trương Thị Diễm", "Phó Trưởng phòng", "Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật"),
]


def sample_dates(today):
    """Two phases, the first under way on ``today``: (start, end) of each."""
    first = (today - datetime.timedelta(days=75), today + datetime.timedelta(days=40))
    second = (first[1] + datetime.timedelta(days=1), first[1] + datetime.timedelta(days=150))
    return first, second


def _phases(today):
    (s1, e1), (s2, e2) = sample_dates(today)
    return [
        Phase(
            name="Đợt 1",
            start_date=s1,
            end_date=e1,
            # Extended by a month while under way, as phases often are: the page says so.
            previous_end_dates=[(e1 - datetime.timedelta(days=30)).isoformat()],
        ),
        Phase(name="Đợt 2", start_date=s2, end_date=e2),
    ]


#: Commemorations whose next anniversary the sample's final review is held with, whichever comes first.
FINAL_REVIEW_DAYS = ("loi-keu-goi-thi-dua-ai-quoc", "tong-tuyen-cu-dau-tien")


def _reviews(today, movement):
    """Reviews as agencies hold them: one of a movement inside Đợt 1, the plan's interim review ten days after
    Đợt 1 has ended, and the final review on the next anniversary of a national day after Đợt 2 is well under
    way (often after it has ended), held with that anniversary rather than the sector's Tradition Day."""
    from wagtail.models import Locale

    from thidua_wagtail.models import Commemoration
    from thidua_wagtail.timeline import anniversary_date

    (_s1, e1), (s2, _e2) = sample_dates(today)
    after = s2 + datetime.timedelta(days=60)
    days = Commemoration.objects.filter(code__in=FINAL_REVIEW_DAYS, locale=Locale.get_default())

    def next_anniversary(commemoration):
        day = anniversary_date(commemoration.original_date, after.year)
        return day if day >= after else anniversary_date(commemoration.original_date, after.year + 1)

    national = min(days, key=next_anniversary)
    reviews = [
        Review(
            kind=ReviewKind.INTERIM,
            name="Hội nghị sơ kết Đợt 1",
            date=e1 + datetime.timedelta(days=10),
            place="Hội trường Sở Tư pháp",
        ),
        Review(
            kind=ReviewKind.FINAL,
            name="Hội nghị tổng kết Kế hoạch thi đua minh họa",
            date=next_anniversary(national),
            place="Hội trường Sở Tư pháp",
            celebrates_anniversary=True,
            commemoration=national,
        ),
    ]
    if movement is not None:
        reviews.insert(
            0,
            Review(kind=ReviewKind.INTERIM, date=e1 - datetime.timedelta(days=5), movement=movement),
        )
    return reviews


SUMMARY = (
    "Nội dung minh họa của cổng thông tin mẫu: một kế hoạch đang thực hiện, với các quyết định "
    "khen thưởng ghi tên người giả định, để xem danh sách, tìm kiếm, bộ lọc và số liệu tổng hợp."
)


def _years(start_year, end_year):
    return str(start_year) if start_year == end_year else f"{start_year} – {end_year}"


def _title(start_year, end_year):
    return f"Kế hoạch thi đua chuyên đề “Tư pháp gần dân” năm {_years(start_year, end_year)} (minh họa)"


def english_strings(plan):
    """The English text of the sample plan's own strings, for the demo's translation."""
    return {
        plan.title: f"“Justice close to the people” thematic emulation plan, {_years(plan.start_year, plan.end_year)} "
        "(sample)",
        SUMMARY: "Sample content of the example portal: a plan under way, with commendation decisions naming "
        "fictional people, to show the honour roll, its search and filters, and the totals.",
    }


def load_sample(hub, department, movement_slug, today=None):
    """Create the sample plan and decisions, or move the plan's dates so that a phase is under way today.

    Returns the number of objects created.
    """
    today = today or local_today()
    created = 0
    plan = PlanPage.objects.child_of(hub).filter(slug=SLUG).first()
    phases = _phases(today)
    start_year, end_year = phases[0].start_date.year, phases[-1].end_date.year
    if plan is None:
        plan = PlanPage(
            slug=SLUG,
            title=_title(start_year, end_year),
            number=NUMBER,
            issue_date=phases[0].start_date,
            issuer=department,
            signer_position="Giám đốc Sở Tư pháp",
            start_year=start_year,
            end_year=end_year,
            summary=SUMMARY,
            is_sample=True,
        )
        plan.phases = phases
        movement = MovementPage.objects.filter(slug=movement_slug).first()
        if movement is not None:
            plan.movement_links = [PlanMovement(movement=movement)]
        plan.reviews = _reviews(today, movement)
        hub.add_child(instance=plan)
        plan.save_revision().publish()
        created += 1
    elif not any(p.start_date <= today <= p.end_date for p in plan.phases.all()):
        # Loaded again on a later day: the same plan, its phases and reviews moved to run through today.
        plan.phases = phases
        plan.reviews = _reviews(today, MovementPage.objects.filter(slug=movement_slug).first())
        plan.title, plan.start_year, plan.end_year = _title(start_year, end_year), start_year, end_year
        plan.issue_date = phases[0].start_date
        plan.save_revision().publish()
        _retranslate(plan)
    created += _sample_decisions(plan, department, today)
    created += _sample_tallies()
    return created


#: A province's yearly review reports its figures broken down by award and level, not name by name: sample figures
#: for 2011–2015, as a department would enter them (its own awards, and those of the province and the ministry).
SAMPLE_TALLIES = [
    (
        "own",
        "",
        38,
        290,
        [
            ("tap-the-lao-dong-tien-tien", "department", "collective", 25),
            ("giay-khen", "department", "collective", 13),
            ("chien-si-thi-dua-co-so", "department", "individual", 40),
            ("lao-dong-tien-tien", "department", "individual", 200),
            ("giay-khen", "department", "individual", 50),
        ],
    ),
    (
        "higher",
        "UBND Tỉnh, Bộ Tư pháp",
        9,
        14,
        [
            ("co-thi-dua-cap-bo-nganh-tinh-2003", "province", "collective", 1),
            ("tap-the-lao-dong-xuat-sac", "province", "collective", 3),
            ("chien-si-thi-dua-cap-bo-nganh-tinh-2003", "province", "individual", 2),
            ("bang-khen-cap-bo-nganh-tinh-2003", "province", "collective", 4),
            ("bang-khen-cap-bo-nganh-tinh-2003", "province", "individual", 9),
            ("bang-khen-cap-bo-nganh-tinh-2003", "ministry", "individual", 3),
        ],
    ),
]
SAMPLE_TALLY_NOTE = (
    "Số liệu minh họa của cổng thông tin mẫu, nhập theo cách một báo cáo tổng kết công bố: theo danh hiệu, hình "
    "thức và cấp khen thưởng. Cờ thi đua và “Tập thể lao động xuất sắc” do UBND Tỉnh tặng."
)


def _sample_tallies():
    from thidua_wagtail.models import HonourTally, TallyRow

    created = 0
    from wagtail.models import Locale

    codes = [row[0] for tally in SAMPLE_TALLIES for row in tally[4]]
    awards = {a.code: a for a in AwardType.objects.filter(code__in=codes, locale=Locale.get_default())}
    for scope, authorities, collectives, individuals, rows in SAMPLE_TALLIES:
        tally, new = HonourTally.objects.get_or_create(
            start_year=2011,
            end_year=2015,
            scope=scope,
            defaults={
                "authorities": authorities,
                "collectives": collectives,
                "individuals": individuals,
                "source": "Dữ liệu minh họa",
                "note": SAMPLE_TALLY_NOTE if scope == "higher" else "",
                "is_sample": True,
            },
        )
        if not new:
            continue
        created += 1
        for order, (code, authority, kind, count) in enumerate(rows):
            TallyRow.objects.create(
                tally=tally,
                award=awards[code],
                authority=authority,
                recipient_kind=kind,
                commendation_type="merit",
                count=count,
                sort_order=order,
            )
    return created


def _retranslate(plan):
    """Carry the moved dates and the new title over to the plan's existing translations."""
    from news.demo_en import EN
    from news.demo_translation import translate

    for translated in plan.get_translations():
        translate(plan, translated.locale, {**EN, **english_strings(plan)})


#: A collective of another agency in a sample decision, named in text (fictional, as the sample's people are).
SAMPLE_OTHER_AGENCY = "Phòng Tư pháp xã Minh Họa"
SAMPLE_ACHIEVEMENT = "Hoàn thành xuất sắc việc rà soát văn bản quy phạm pháp luật trong Đợt 1 (dữ liệu minh họa)."


def _sample_decisions(plan, department, today):
    awards = {a.code: a for a in AwardType.objects.filter(locale=department.locale)}
    units = {u.name: u for u in Unit.objects.filter(locale=department.locale)}
    phase = plan.phases.order_by("start_date").first()
    day = max(phase.start_date, today - datetime.timedelta(days=20))
    decisions = [
        (
            Decision(
                number="15/QĐ-STP-MH",
                date=day,
                authority="department",
                commendation_type="phase_or_theme",
                reason="Vì đã có thành tích xuất sắc trong Đợt 1 phong trào thi đua của Kế hoạch thi đua minh họa.",
            ),
            [("individual", name, position, unit, "giay-khen") for name, position, unit in PEOPLE[:8]]
            + [("collective", "", "", "Phòng Hành chính tư pháp", "giay-khen")]
            # A collective of another agency, named as the decision writes it: no unit record for it.
            + [("collective", "", "", SAMPLE_OTHER_AGENCY, "giay-khen")],
        ),
        (
            Decision(
                number="16/QĐ-STP-MH",
                date=day,
                authority="department",
                reason="Vì đã hoàn thành tốt nhiệm vụ năm 2026 (dữ liệu minh họa).",
            ),
            [("individual", name, position, unit, "lao-dong-tien-tien") for name, position, unit in PEOPLE]
            + [("individual", PEOPLE[4][0], PEOPLE[4][1], PEOPLE[4][2], "chien-si-thi-dua-co-so")]
            + [("collective", "", "", "Thanh tra Sở", "tap-the-lao-dong-tien-tien")],
        ),
        (
            Decision(
                number="210/QĐ-UBND-MH",
                date=day + datetime.timedelta(days=5) if day + datetime.timedelta(days=5) <= today else day,
                authority="province",
                issuing_body="UBND tỉnh Đồng Tháp",
                signer_position="Chủ tịch UBND tỉnh",
            ),
            [
                ("collective", "", "", "Trung tâm Trợ giúp pháp lý nhà nước", "bang-khen-cua-bo-ban-nganh-tinh"),
                ("individual", PEOPLE[6][0], PEOPLE[6][1], PEOPLE[6][2], "bang-khen-cua-bo-ban-nganh-tinh"),
            ],
        ),
    ]
    created = 0
    for decision, rows in decisions:
        # Each sample decision once, by its number: a demo loaded by an earlier version gains the later ones.
        if Decision.objects.filter(is_sample=True, number=decision.number).exists():
            continue
        decision.issuing_body = decision.issuing_body or "Sở Tư pháp tỉnh Đồng Tháp"
        decision.signer_position = decision.signer_position or "Giám đốc Sở Tư pháp"
        decision.status = "awarded"
        decision.plan, decision.phase, decision.is_sample = plan, phase, True
        decision.save()
        created += 1
        for order, (kind, name, position, unit, code) in enumerate(rows):
            Honour.objects.create(
                decision=decision,
                recipient_kind=kind,
                person_name=name,
                position=position,
                unit=units.get(unit),
                unit_text="" if unit in units else unit,
                award=awards[code],
                achievement=SAMPLE_ACHIEVEMENT if (order, decision.number) == (0, "15/QĐ-STP-MH") else "",
                sort_order=order,
            )
            created += 1
    created += _sample_amendments(day, today)
    return created


#: A later sample decision correcting one honour of 15/QĐ-STP-MH, and one revoking an honour of 16/QĐ-STP-MH.
SAMPLE_CORRECTION = (
    "17/QĐ-STP-MH",
    "15/QĐ-STP-MH",
    "corrects",
    "Đính chính chức vụ của bà Nguyễn Thị Minh Thư từ “Chuyên viên” thành “Chuyên viên chính” (dữ liệu minh họa).",
    "Nguyễn Thị Minh Thư",
)
SAMPLE_REVOCATION = (
    "18/QĐ-STP-MH",
    "16/QĐ-STP-MH",
    "revokes",
    "Thu hồi danh hiệu “Lao động tiên tiến” đã tặng ông Đỗ Văn Lực, do xác định lại thời gian công tác trong năm "
    "chưa đủ điều kiện (dữ liệu minh họa).",
    "Đỗ Văn Lực",
)


def _sample_amendments(day, today):
    """A correction and a revocation of some honours, as a later decision of the department words them."""
    from thidua_wagtail.models.amendments import amend_honours

    created = 0
    for offset, (number, earlier_number, kind, text, person) in enumerate((SAMPLE_CORRECTION, SAMPLE_REVOCATION)):
        earlier = Decision.objects.filter(is_sample=True, number=earlier_number).first()
        if earlier is None or Decision.objects.filter(is_sample=True, number=number).exists():
            continue
        later = Decision.objects.create(
            number=number,
            date=min(day + datetime.timedelta(days=2 + offset), today),
            authority="department",
            issuing_body="Sở Tư pháp tỉnh Đồng Tháp",
            signer_position="Giám đốc Sở Tư pháp",
            status="awarded",
            amendment=kind,
            amends=earlier,
            amendment_scope="some",
            amendment_text=text,
            is_sample=True,
        )
        honours = list(earlier.honours.filter(person_name=person))
        if kind == "corrects":
            # The register holds the corrected fact; the mark says which decision corrected it.
            Honour.objects.filter(pk__in=[h.pk for h in honours]).update(position="Chuyên viên chính")
        amend_honours(later, honours)
        created += 1
    return created
