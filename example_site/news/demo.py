"""Demo content: the Đồng Tháp Department of Justice article and its plan 599/KH-STP.

Every object is looked up by a stable key (a unit's name, a page's slug under
its parent) and created only when missing, so loading twice changes nothing.
Facts come from the reference article; nothing that the article does not say
(such as the director's name) is made up.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from news.models import HomePage, NewsArticlePage, NewsIndexPage
from thidua_wagtail.models import (
    Commemoration,
    Decision,
    EmulationIndexPage,
    EmulationZone,
    EmulationZoneMember,
    ExemplaryModel,
    HonourRollPage,
    HonourTally,
    MovementKind,
    MovementPage,
    MovementScope,
    Phase,
    PlanMovement,
    PlanPage,
    Review,
    ReviewKind,
    Scope,
    Unit,
    UnitKind,
    ZoneKind,
)

DEPARTMENT = "Sở Tư pháp tỉnh Đồng Tháp"

DIVISIONS = [
    ("Văn phòng Sở", UnitKind.DIVISION),
    ("Thanh tra Sở", UnitKind.DIVISION),
    ("Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật", UnitKind.DIVISION),
    ("Phòng Phổ biến, giáo dục pháp luật", UnitKind.DIVISION),
    ("Phòng Hành chính tư pháp", UnitKind.DIVISION),
    ("Phòng Bổ trợ tư pháp", UnitKind.DIVISION),
    ("Trung tâm Trợ giúp pháp lý nhà nước", UnitKind.AFFILIATED),
    ("Trung tâm Dịch vụ đấu giá tài sản", UnitKind.AFFILIATED),
    ("Phòng Công chứng số 1", UnitKind.AFFILIATED),
]

# District-level offices; the district level was abolished on 1/7/2025.
DISTRICTS = [
    "thành phố Cao Lãnh",
    "thành phố Sa Đéc",
    "thành phố Hồng Ngự",
    "huyện Tân Hồng",
    "huyện Hồng Ngự",
    "huyện Tam Nông",
    "huyện Thanh Bình",
    "huyện Cao Lãnh",
    "huyện Tháp Mười",
    "huyện Lấp Vò",
    "huyện Lai Vung",
    "huyện Châu Thành",
]
DISTRICTS_ABOLISHED = datetime.date(2025, 6, 30)

# The department of the province merged into Đồng Tháp on 1/7/2025.
MERGED_DEPARTMENT = "Sở Tư pháp tỉnh Tiền Giang"
PROVINCES_MERGED = datetime.date(2025, 7, 1)

PLAN_TITLE = "Phát động phong trào thi đua yêu nước ngành Tư pháp tỉnh Đồng Tháp giai đoạn 2021 – 2025"
PLAN_SUMMARY = (
    "Kế hoạch số 599/KH-STP ngày 28/5/2021 của Giám đốc Sở Tư pháp về phát động phong trào thi đua yêu nước "
    "ngành Tư pháp tỉnh Đồng Tháp giai đoạn 2021 – 2025, tổ chức thực hiện thường xuyên với hai đợt cao điểm."
)

# (slug, name, kind, scope, start year, end year, adopted from outside the plan)
MOVEMENTS = [
    (
        "doan-ket-ky-cuong-hanh-dong-sang-tao",
        "Ngành Tư pháp Đồng Tháp đoàn kết, kỷ cương, hành động, sáng tạo, "
        "thi đua thực hiện thắng lợi nhiệm vụ chính trị được giao",
        MovementKind.REGULAR,
        MovementScope.AGENCY,
        2021,
        2025,
        False,
    ),
    (
        "thi-dua-thuc-hien-van-hoa-cong-so",
        "Cán bộ, công chức, viên chức, người lao động trong ngành Tư pháp thi đua thực hiện văn hóa công sở "
        "giai đoạn 2019 – 2025",
        MovementKind.THEMATIC,
        MovementScope.SECTOR,
        2019,
        2025,
        True,
    ),
    (
        "hoc-tap-va-lam-theo-tu-tuong-dao-duc-phong-cach-ho-chi-minh",
        "Cán bộ Tư pháp đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        MovementKind.REGULAR,
        MovementScope.SECTOR,
        None,
        None,
        True,
    ),
    (
        "chung-suc-gop-phan-xay-dung-nong-thon-moi",
        "Ngành Tư pháp chung sức góp phần xây dựng nông thôn mới",
        MovementKind.REGULAR,
        MovementScope.SECTOR,
        None,
        None,
        True,
    ),
    (
        "ca-nuoc-chung-suc-vi-nguoi-ngheo",
        "Cả nước chung sức vì người nghèo – Không để ai bị bỏ lại phía sau",
        MovementKind.REGULAR,
        MovementScope.NATIONAL,
        None,
        None,
        True,
    ),
]

ARTICLE_TITLE = "Sở Tư pháp phát động phong trào thi đua ngành Tư pháp tỉnh Đồng Tháp giai đoạn 2021-2025"
ARTICLE_PARAGRAPHS = [
    "Trong thời gian qua, phong trào thi đua của ngành Tư pháp tỉnh Đồng Tháp đạt được nhiều kết quả nổi bật, "
    "nhiều phong trào thi đua tác động tích cực đến công tác chuyên môn, nâng cao hiệu quả, năng suất công việc, "
    "công chức, viên chức toàn ngành ra sức phấn đấu hoàn thành nhiệm vụ nhiệm vụ chính trị được giao. Trong giai "
    "đoạn 2016-2020, qua phát động phong trào thi đua, Sở Tư pháp đã tổ chức khen thưởng thuộc thẩm quyền 43 tập "
    "thể và 333 cá nhân; đề nghị UBND Tỉnh, Bộ Tư pháp, Chính phủ khen thưởng 16 tập thể, 20 cá nhân. Nhiều phong "
    "trào thi đua, mô hình hiệu quả được UBND Tỉnh, Bộ Tư pháp như: Mô hình “Câu lạc bộ hòa giải ở cơ sở”; thi "
    "đua thực hiện nhiệm vụ chuyên môn của Phòng Tư pháp cấp huyện; thi đua thực hiện nhiệm vụ cải cách hành "
    "chính, nhiệm vụ do UBND giao, thực hiện quy chế dân chủ ở cơ sở; học tập và làm theo tấm gương đạo đức, "
    "phong cách Hồ Chí Minh,…",
    "Hưởng ứng tích cực phong trào thi đua do Bộ Tư pháp, UBND Tỉnh phát động và tiếp tục phát huy hiệu quả của "
    "các phong trào thi đua, ngày 28/5/2021, Giám đốc Sở Tư pháp đã ký ban hành {plan_link} về Phát động phong "
    "trào thi đua yêu nước ngành Tư pháp tỉnh Đồng Tháp giai đoạn 2021 – 2025.",
    "Nội dung Kế hoạch tập trung triển khai thực hiện Phong trào “Ngành Tư pháp Đồng Tháp đoàn kết, kỷ cương, "
    "hành động, sáng tạo, thi đua thực hiện thắng lợi nhiệm vụ chính trị được giao”; Phong trào thi đua “Cán bộ, "
    "công chức, viên chức, người lao động trong ngành Tư pháp thi đua thực hiện văn hóa công sở giai đoạn 2019 – "
    "2025”; Phong trào thi đua “Cán bộ Tư pháp đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
    "Minh”; Phong trào thi đua “Ngành Tư pháp chung sức góp phần xây dựng nông thôn mới”; Phong trào thi đua “Cả "
    "nước chung sức vì người nghèo – Không để ai bị bỏ lại phía sau”.",
    "Trên cơ sở nội dung Kế hoạch này từng phòng, đơn vị thuộc Sở, Phòng Tư pháp cấp huyện xây dựng Kế hoạch "
    "thực hiện phong trào thi đua trong phạm vi chức năng nhiệm vụ của mình. Từng công chức, viên chức, người lao "
    "động ngành Tư pháp tỉnh Đồng Tháp ra sức phấn đấu vì mục tiêu chung, nâng cao vị thế, vai trò của ngành Tư "
    "pháp trong chiến lược phát triển kinh tế, xã hội chung của toàn Tỉnh.",
    "Phong trào thi đua giai đoạn 2021 – 2025 được tổ chức thực hiện thường xuyên, trong đó cao điểm là hai đợt:",
    "Đợt 1: Thời gian tính từ ngày 01/01/2021 đến ngày 28/8/2023, tổ chức sơ kết cùng với kỷ niệm 78 năm Ngày "
    "Truyền thống ngành Tư pháp.",
    "Đợt 2: Thời gian tính từ ngày 29/8/2023 đến ngày 28/8/2025, tổ chức tổng kết cùng với kỷ niệm 80 năm Ngày "
    "Truyền thống ngành Tư pháp và Đại hội Thi đua yêu nước ngành Tư pháp lần thứ VI./.",
]


#: The sample decision a sample news item announces, and that item's slug.
SAMPLE_DECISION_NUMBER = "15/QĐ-STP-MH"
SAMPLE_ARTICLE_SLUG = "khen-thuong-dot-1-minh-hoa"


def _child(parent, model, slug, **fields):
    """The child page of ``parent`` with ``slug``, created and published if missing."""
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _unit(name, **fields):
    # Looked up in the default language: the English translation has the same name until translated.
    unit, _ = Unit.objects.get_or_create(name=name, locale=Locale.get_default(), defaults=fields)
    return unit


def _home_page():
    """The default site's home page, replacing Wagtail's welcome page on a fresh install."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific, False
    root = Page.get_first_root_node()
    home, created = _child(
        root,
        HomePage,
        "trang-chu",
        title=DEPARTMENT,
        intro=RichText("<p>Cổng thông tin điện tử của Sở Tư pháp tỉnh Đồng Tháp (trang minh họa).</p>"),
    )
    welcome = site.root_page if site else None
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=DEPARTMENT)
    else:
        site.root_page = home
        site.site_name = DEPARTMENT
        site.save()
    # Wagtail's own "Welcome" placeholder has no use once the portal has a home.
    if welcome is not None and type(welcome.specific) is Page and not welcome.get_children().exists():
        welcome.delete()
    return home, created


@transaction.atomic
def load_demo(stdout=None, english=True):
    """Create the demo portal, and its English version unless ``english`` is false; return the number
    of objects created (0 on a second run)."""
    created = 0

    def note(created_now):
        nonlocal created
        created += int(bool(created_now))

    home, new = _home_page()
    note(new)

    before = Unit.objects.count()
    department = _unit(DEPARTMENT, kind=UnitKind.AGENCY, short_name="STP")
    for name, kind in DIVISIONS:
        _unit(name, kind=kind, parent=department)
    for district in DISTRICTS:
        _unit(
            f"Phòng Tư pháp {district}",
            kind=UnitKind.LOCAL_OFFICE,
            parent=department,
            valid_until=DISTRICTS_ABOLISHED,
        )
    # The 2025 reorganisation: Tiền Giang province merged into Đồng Tháp from 1/7/2025 (the new province keeps the
    # name Đồng Tháp), and with it the two departments of justice, recorded as the admin's action records it.
    if not Unit.objects.filter(name=MERGED_DEPARTMENT).exists():
        from thidua_wagtail.models.units import record_reorganisation

        merged = _unit(MERGED_DEPARTMENT, kind=UnitKind.AGENCY)
        record_reorganisation([merged], PROVINCES_MERGED, successor=department)
    created += Unit.objects.count() - before

    news_index, new = _child(home, NewsIndexPage, "tin-tuc", title="Tin tức", show_in_menus=True)
    note(new)
    hub, new = _child(
        home,
        EmulationIndexPage,
        "thi-dua-khen-thuong",
        title="Thi đua – Khen thưởng",
        show_in_menus=True,
        intro=RichText("<p>Kế hoạch, phong trào thi đua và kết quả khen thưởng của ngành Tư pháp tỉnh Đồng Tháp.</p>"),
        # Shipped with the package (thidua_load_catalogue, and the migrations, load it).
        tradition_day=Commemoration.objects.get(code="truyen-thong-nganh-tu-phap", locale=Locale.get_default()),
    )
    note(new)

    plan = PlanPage.objects.child_of(hub).filter(slug="ke-hoach-599-kh-stp").first()
    if plan is None:
        plan = PlanPage(
            slug="ke-hoach-599-kh-stp",
            title=PLAN_TITLE,
            number="599/KH-STP",
            issue_date=datetime.date(2021, 5, 28),
            issuer=department,
            signer_position="Giám đốc Sở Tư pháp",
            start_year=2021,
            end_year=2025,
            summary=PLAN_SUMMARY,
        )
        plan.phases = [
            Phase(name="Đợt 1", start_date=datetime.date(2021, 1, 1), end_date=datetime.date(2023, 8, 28)),
            Phase(name="Đợt 2", start_date=datetime.date(2023, 8, 29), end_date=datetime.date(2025, 8, 28)),
        ]
        # "tổ chức sơ kết cùng với kỷ niệm 78 năm Ngày Truyền thống ngành Tư pháp", "tổ chức tổng kết cùng với
        # kỷ niệm 80 năm Ngày Truyền thống ngành Tư pháp và Đại hội Thi đua yêu nước ngành Tư pháp lần thứ VI":
        # the article dates neither; each is held on its phase's last day, the Tradition Day itself.
        plan.reviews = [
            Review(kind=ReviewKind.INTERIM, date=datetime.date(2023, 8, 28), celebrates_anniversary=True),
            Review(
                kind=ReviewKind.FINAL,
                date=datetime.date(2025, 8, 28),
                celebrates_anniversary=True,
                congress_ordinal=6,
                congress_name="Đại hội Thi đua yêu nước ngành Tư pháp",
            ),
        ]
        hub.add_child(instance=plan)
        note(True)

        links = []
        for slug, name, kind, scope, start, end, adopted in MOVEMENTS:
            parent = hub if adopted else plan
            movement, new = _child(
                parent, MovementPage, slug, title=name, kind=kind, scope=scope, start_year=start, end_year=end
            )
            note(new)
            links.append(PlanMovement(movement=movement))
        plan.movement_links = links
        plan.save_revision().publish()

    if not NewsArticlePage.objects.child_of(news_index).filter(slug="phat-dong-phong-trao-thi-dua-2021-2025").exists():
        plan_link = f'<a linktype="page" id="{plan.pk}">Kế hoạch số 599/KH-STP</a>'
        body = [("paragraph", RichText("<p>" + p.format(plan_link=plan_link) + "</p>")) for p in ARTICLE_PARAGRAPHS]
        # The article embeds the package's blocks where it speaks of them: the totals of 2016-2020,
        # the plan, and its phases (rendered from live data, so today's status is always current).
        body.insert(1, ("honour_totals", {"start_year": 2016, "end_year": 2020}))
        body.insert(3, ("plan_summary", {"plan": plan}))
        body.append(("phase_timeline", {"plan": plan}))
        _, new = _child(
            news_index,
            NewsArticlePage,
            "phat-dong-phong-trao-thi-dua-2021-2025",
            title=ARTICLE_TITLE,
            body=body,
        )
        note(new)

    _, new = _child(hub, HonourRollPage, "danh-sach-khen-thuong", title="Danh sách khen thưởng")
    note(new)

    # 2016-2020: the article reports totals only.
    source = "Bài viết “Sở Tư pháp phát động phong trào thi đua ngành Tư pháp tỉnh Đồng Tháp giai đoạn 2021-2025”"
    for scope, authorities, collectives, individuals in [
        (Scope.OWN, "", 43, 333),
        (Scope.HIGHER, "UBND Tỉnh, Bộ Tư pháp, Chính phủ", 16, 20),
    ]:
        _, new = HonourTally.objects.get_or_create(
            start_year=2016,
            end_year=2020,
            scope=scope,
            defaults={
                "authorities": authorities,
                "collectives": collectives,
                "individuals": individuals,
                "source": source,
            },
        )
        note(new)

    _, new = ExemplaryModel.objects.get_or_create(
        name="Câu lạc bộ hòa giải ở cơ sở",
        locale=Locale.get_default(),
        defaults={"recognised_by": "UBND Tỉnh, Bộ Tư pháp", "plan": plan},
    )
    note(new)
    zone, new = EmulationZone.objects.get_or_create(
        name="Khu vực thi đua Miền Tây Nam Bộ",
        locale=Locale.get_default(),
        defaults={
            "kind": ZoneKind.ZONE,
            "description": "Hội nghị tổng kết phong trào thi đua, khen thưởng năm 2020 và phát động phong trào "
            "năm 2021 của Khu vực có sự tham dự của Giám đốc Sở Tư pháp tỉnh Đồng Tháp.",
        },
    )
    if new:
        EmulationZoneMember.objects.create(zone=zone, unit=department)
    note(new)

    # Illustrative content, flagged as such: a plan under way today, and decisions naming fictional people.
    from news.demo_sample import load_sample

    created += load_sample(hub, department, movement_slug=MOVEMENTS[0][0])
    sample_decision = Decision.objects.filter(is_sample=True, number=SAMPLE_DECISION_NUMBER).first()
    if sample_decision is not None:
        # A news item announcing a sample decision: its reason, its honours (one achievement, one
        # collective of another agency named in text) shown by the package's block.
        _, new = _child(
            news_index,
            NewsArticlePage,
            SAMPLE_ARTICLE_SLUG,
            title="Khen thưởng Đợt 1 Kế hoạch thi đua minh họa (dữ liệu minh họa)",
            body=[
                (
                    "paragraph",
                    RichText(
                        "<p>Giám đốc Sở Tư pháp tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc "
                        "trong Đợt 1. Bài viết và quyết định là dữ liệu minh họa, tên người là hư cấu.</p>"
                    ),
                ),
                ("decision_honours", {"decision": sample_decision}),
            ],
        )
        note(new)

    if stdout is not None:
        stdout.write(f"Demo content: {created} object(s) created.")
    if english:
        # The English version, made through wagtail-localize as an editor would.
        from news.demo_translation import translate_demo

        created += translate_demo(stdout=stdout)
    return created
