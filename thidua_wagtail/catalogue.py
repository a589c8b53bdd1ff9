"""The legal catalogue of emulation titles and award forms (Law 06/2022/QH15; Law 2003 for old records)."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

__all__ = [
    "AUTHORITY_LABELS",
    "COMMENDATION_TYPES",
    "ENTRIES",
    "FORM_GROUPS",
    "LEVEL_ENDED",
    "NEW_LAW_VALID_FROM",
    "OLD_LAW_VALID_UNTIL",
    "POWERS_FROM",
    "REPLACED_BY",
    "TITLE_GROUPS",
    "Authority",
    "CatalogueEntry",
    "Category",
    "CommendationType",
    "Group",
    "Recipient",
    "by_code",
    "entries_valid_on",
    "may_award",
]

# Sources checked (stored copies of public pages, see the report that came with this module):
# - Law 2022 Art. 77 (President: orders, medals, the two prizes, state honorary titles), Art. 78 (1. the
#   Government decides "Cờ thi đua của Chính phủ"; 2. the Prime Minister decides "Chiến sĩ thi đua toàn
#   quốc" and "Bằng khen của Thủ tướng Chính phủ"), Art. 80 (heads of units of a Bộ, ban, ngành and of
#   provincial specialised agencies; district, commune chairs), Art. 9 (the seven kinds of form), Art. 19-20
#   (titles), Art. 21, 29, 30, Art. 33(2) (orders), Art. 54(2) (medals); Decree 86/2023 (village and
#   family culture titles, exemplary communes).
# - Law 2003 Art. 77-80 (same split of authority; Art. 80 lists the old names), Art. 33 (ten orders, five
#   of them in three classes) and Art. 53 (four medals, one in three classes); Decree 91/2017 Art. 43(2)(a)
#   (a commune chair awards "Lao động tiên tiến"); Decree 122/2018 (names of the village culture titles).
#
# Unverified:
# - The wording of Law 2022 Art. 79 could not be retrieved. Following DOMAIN.md and the verified Art. 79 of
#   the 2003 law, ministers and provincial chairs award their Cờ thi đua, Chiến sĩ thi đua Bộ, ban, ngành,
#   tỉnh, "Tập thể lao động xuất sắc", "Đơn vị quyết thắng", their bằng khen and kỷ niệm chương.
# - That "Xã, phường, thị trấn tiêu biểu" is awarded at provincial level (seen in provincial decisions of
#   2025, not in the law's text).
# - The exact name "Bằng khen của Bộ, ban, ngành, tỉnh" (built like the verified "Cờ thi đua của Bộ, ban,
#   ngành, tỉnh"); that households may receive it and the old "Bằng khen cấp bộ, ngành, tỉnh, đoàn thể
#   trung ương" (Decree 91/2017).
# - The Vietnamese labels of Art. 8: the English translation seen calls the second type a commendation
#   for an emulation movement (a period or a theme); the labels below are those of DOMAIN.md.
# - Which provinces awarded kỷ niệm chương under the 2003 law (there it was regulated with "huy hiệu").
# - The dates on which single entries began under the old law: "Huân chương Dũng cảm", "Tỉnh anh hùng",
#   "Thành phố anh hùng" and the "Nghệ nhân" titles seem to have been added by later amendments; such
#   entries carry no valid_from, so an earlier record is not checked against them.
# - Two article numbers come from news reports, not the law's text: Law 2003 Art. 70 (Bằng khen của Thủ tướng
#   Chính phủ) and Law 2022 Art. 96 ("Huy chương Thanh niên xung phong vẻ vang", Decree 28/2024/NĐ-CP).
# - Other article numbers are not cited; legal_basis names only the ones listed above.
#
# Disagreements with DOMAIN.md, encoded as the law has them:
# - Art. 78(1) of the 2022 law gives "Cờ thi đua của Chính phủ" to the Government, Art. 78(2) gives "Chiến sĩ
#   thi đua toàn quốc" and "Bằng khen của Thủ tướng Chính phủ" to the Prime Minister: two awarding levels,
#   GOVERNMENT and PRIME_MINISTER, though both decisions are signed by the Prime Minister (QĐ-TTg).
#   Under the 2003 law the flag was awarded by Prime Minister's decisions: "Quyết định 42/QĐ-TTg (2008) về
#   việc tặng thưởng Cờ thi đua của Chính phủ", signed by the Prime Minister (luatminhkhue.vn), and Decision
#   923/TTg (1996): "cờ Luân lưu của Chính phủ do Thủ tướng Chính phủ quyết định" (vbpl.vn). The wording of
#   the 2003 law's Art. 78 itself could not be retrieved (vbpl.vn ItemID=19415 is stored, the article was not
#   found in it), so the old-law entry keeps PRIME_MINISTER on the strength of that practice. The entry is
#   therefore two: the old law's until 31/12/2023, the new law's from 1/1/2024 (REPLACED_BY).
# - The law spells "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh" and "Cờ thi đua của Bộ, ban, ngành, tỉnh" with a
#   capital B.
#
# The law as it stands (checked December 2026, issue 11 item 10; stored copies of public pages):
# - Decree 152/2025/NĐ-CP of 14/6/2025 "quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy
#   định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng" (pbgdpl.cantho.gov.vn; Bắc Ninh
#   QĐ 86/2025/QĐ-UBND) does not amend Decree 98/2023: it replaces it. Its Art. 59, as quoted: "1. Nghị định này có
#   hiệu lực thi hành từ ngày 01 tháng 7 năm 2025. 2. Nghị định số 98/2023/NĐ-CP … và Nghị định số 28/2024/NĐ-CP …
#   hết hiệu lực". Legal bases citing 98/2023 now cite both, with their dates (_DECREES_2023_2025). Its prize
#   multiples (Art. 50) are those of 98/2023 Art. 54 (not modelled here).
# - The district level ended on 30/6/2025 (two-level local government from 1/7/2025): LEVEL_ENDED. Decree
#   129/2025/NĐ-CP Art. 59, as quoted, gives the commune chair what Art. 80(2) gave the district chair: "Chủ tịch Ủy
#   ban nhân dân cấp xã quyết định tặng danh hiệu thôn, tổ dân phố văn hóa, "Gia đình văn hóa", "Tập thể lao động
#   tiên tiến"; "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến" và giấy khen theo quy định": POWERS_FROM.
# - Public consultation (lấy ý kiến Nhân dân), Decree 98/2023 Art. 46(2): "công khai danh sách … ít nhất 10 ngày
#   làm việc trước khi họp hội đồng thi đua – khen thưởng". Under 152/2025 it is cited as Art. 44(2), with the same
#   10 working days (Quân đội nhân dân, 2025); the article's own wording could not be retrieved.
# Not found: an official full text of Decree 152/2025, the signing date of Decree 129/2025, and any 2025–2026 law
# amending Law 06/2022 (one unconfirmed report speaks of one in force on 1/10/2026; nothing is encoded from it).
#
# Not modelled: heads of enterprises and cooperatives (Art. 80(4)) and the armed forces' own commanders
# (Art. 80(5)); "Đơn vị tiên tiến" and "Chiến sĩ tiên tiến" are given to DEPARTMENT, heads of units
# belonging to a ministry, as the 2003 law did.

OLD_LAW_VALID_UNTIL = datetime.date(2023, 12, 31)
NEW_LAW_VALID_FROM = datetime.date(2024, 1, 1)


class Category(enum.StrEnum):
    """Emulation title or award form; the law keeps the two strictly apart."""

    TITLE = "title"  # danh hiệu thi đua
    FORM = "form"  # hình thức khen thưởng


class Group(enum.StrEnum):
    """The kind of title or form, for grouping in lists and statistics."""

    INDIVIDUAL_TITLE = "individual_title"  # danh hiệu thi đua đối với cá nhân
    COLLECTIVE_TITLE = "collective_title"  # danh hiệu thi đua đối với tập thể
    HOUSEHOLD_TITLE = "household_title"  # danh hiệu thi đua đối với hộ gia đình
    FLAG = "flag"  # Cờ thi đua
    ORDER = "order"  # Huân chương
    MEDAL = "medal"  # Huy chương
    HONORARY_TITLE = "honorary_title"  # Danh hiệu vinh dự nhà nước
    PRIZE = "prize"  # Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước
    COMMEMORATIVE_MEDAL = "commemorative_medal"  # Kỷ niệm chương
    CERTIFICATE_OF_MERIT = "certificate_of_merit"  # Bằng khen
    CERTIFICATE = "certificate"  # Giấy khen


TITLE_GROUPS = frozenset({Group.INDIVIDUAL_TITLE, Group.COLLECTIVE_TITLE, Group.HOUSEHOLD_TITLE, Group.FLAG})
FORM_GROUPS = frozenset(set(Group) - TITLE_GROUPS)


class Recipient(enum.StrEnum):
    """Who may receive a title or form."""

    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"
    HOUSEHOLD = "household"


class Authority(enum.StrEnum):
    """Who may decide to award a title or form."""

    PRESIDENT = "president"  # Chủ tịch nước
    GOVERNMENT = "government"  # Chính phủ (Law 2022 Art. 78(1))
    PRIME_MINISTER = "prime_minister"  # Thủ tướng Chính phủ
    MINISTRY = "ministry"  # Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, ban, ngành, đoàn thể TW
    PROVINCE = "province"  # Chủ tịch UBND cấp tỉnh
    DEPARTMENT = "department"  # Thủ trưởng cơ quan, đơn vị thuộc bộ, ngành, tỉnh (e.g. Giám đốc Sở)
    DISTRICT = "district"  # Chủ tịch UBND cấp huyện
    COMMUNE = "commune"  # Chủ tịch UBND cấp xã


class CommendationType(enum.StrEnum):
    """Types of commendation (loại hình khen thưởng, Law 2022 Art. 8)."""

    MERIT = "merit"  # theo công trạng và thành tích đạt được
    PHASE_OR_THEME = "phase_or_theme"  # theo đợt hoặc theo chuyên đề
    UNSCHEDULED = "unscheduled"  # đột xuất
    CONTRIBUTION = "contribution"  # quá trình cống hiến
    SENIORITY = "seniority"  # theo niên hạn
    FOREIGN = "foreign"  # đối ngoại


@dataclass(frozen=True)
class CatalogueEntry:
    """One emulation title or award form as the law names it, with the dates it is valid for."""

    code: str  # stable ASCII slug, unique, never changes
    name: str  # Vietnamese official name
    name_en: str  # English name for the English interface
    category: Category
    group: Group
    recipients: frozenset[Recipient]
    authorities: frozenset[Authority]
    legal_basis: str
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    order: int = 0  # rank for display, higher awards first (lower number first)

    def __post_init__(self):
        """Refuse an entry whose group belongs to the other category or whose dates are reversed."""
        expected = TITLE_GROUPS if self.category is Category.TITLE else FORM_GROUPS
        if self.group not in expected:
            raise ValueError(f"{self.code}: group {self.group} does not belong to category {self.category}")
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValueError(f"{self.code}: valid_from is after valid_until")
        if not self.recipients or not self.authorities:
            raise ValueError(f"{self.code}: recipients and authorities must not be empty")

    def is_valid_on(self, day: datetime.date) -> bool:
        """Whether the entry could be awarded on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


# Legal bases, cited as "<law>, Điều n".
_LAW_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013)"
_LAW_2022 = "Luật Thi đua, khen thưởng 2022"
_DECREE_91 = "Nghị định 91/2017/NĐ-CP"
_DECREE_98 = "Nghị định 98/2023/NĐ-CP"
_DECREE_152 = "Nghị định 152/2025/NĐ-CP"
_DECREE_129 = "Nghị định 129/2025/NĐ-CP, Điều 59"
# Decree 152/2025 replaced Decree 98/2023 on 1/7/2025.
_DECREES_2023_2025 = f"{_DECREE_98} (đến 30/6/2025), {_DECREE_152} (từ 1/7/2025)"
_DECREE_122 = "Nghị định 122/2018/NĐ-CP"
_DECREE_86 = "Nghị định 86/2023/NĐ-CP"

_I = frozenset({Recipient.INDIVIDUAL})
_C = frozenset({Recipient.COLLECTIVE})
_H = frozenset({Recipient.HOUSEHOLD})
_IC = frozenset({Recipient.INDIVIDUAL, Recipient.COLLECTIVE})
_ICH = frozenset({Recipient.INDIVIDUAL, Recipient.COLLECTIVE, Recipient.HOUSEHOLD})

_PRESIDENT = frozenset({Authority.PRESIDENT})
_GOVERNMENT = frozenset({Authority.GOVERNMENT})
_PM = frozenset({Authority.PRIME_MINISTER})
_MINISTRY_PROVINCE = frozenset({Authority.MINISTRY, Authority.PROVINCE})
_PROVINCE = frozenset({Authority.PROVINCE})
_DEPARTMENT = frozenset({Authority.DEPARTMENT})
_DEPARTMENT_DISTRICT_COMMUNE = frozenset({Authority.DEPARTMENT, Authority.DISTRICT, Authority.COMMUNE})
_DISTRICT = frozenset({Authority.DISTRICT})
_DISTRICT_COMMUNE = frozenset({Authority.DISTRICT, Authority.COMMUNE})
_COMMUNE = frozenset({Authority.COMMUNE})

_OLD = {"valid_until": OLD_LAW_VALID_UNTIL}
_NEW = {"valid_from": NEW_LAW_VALID_FROM}


def _entry(code, name, name_en, group, recipients, authorities, legal_basis, order, **dates) -> CatalogueEntry:
    """Build an entry, its category following from its group."""
    category = Category.TITLE if group in TITLE_GROUPS else Category.FORM
    return CatalogueEntry(
        code, name, name_en, category, group, recipients, authorities, legal_basis, order=order, **dates
    )


def _both(old_articles: str, new_articles: str, *extra: str) -> str:
    """Legal basis of an entry unchanged across the 2003 and the 2022 law."""
    return "; ".join((f"{_LAW_2003}, {old_articles}", f"{_LAW_2022}, {new_articles}", *extra))


_CLASSES = (("Nhất", "First", "nhat"), ("Nhì", "Second", "nhi"), ("Ba", "Third", "ba"))


def _three_classes(code, name, name_en, group, recipients, legal_basis, order) -> tuple[CatalogueEntry, ...]:
    """The three classes of an order or medal, each its own entry, first class first."""
    return tuple(
        _entry(
            f"{code}-hang-{slug}",
            f"{name} hạng {vi}",
            f"{name_en}, {en} Class",
            group,
            recipients,
            _PRESIDENT,
            legal_basis,
            order + i,
        )
        for i, (vi, en, slug) in enumerate(_CLASSES)
    )


_ORDERS_BASIS = _both("Điều 33, Điều 77", "Điều 9, Điều 33, Điều 77")
_MEDALS_BASIS = _both("Điều 53, Điều 77", "Điều 9, Điều 54, Điều 77")
_HONOURS_BASIS = _both("Điều 77", "Điều 9, Điều 77")

ENTRIES: tuple[CatalogueEntry, ...] = (
    # --- Awarded by the President (Art. 77 of both laws) -------------------------------------------------
    # Orders (huân chương), Law 2022 Art. 33(2); the same ten orders as Law 2003 Art. 33.
    _entry("huan-chuong-sao-vang", "Huân chương Sao vàng", "Gold Star Order", Group.ORDER, _IC, _PRESIDENT,
           _ORDERS_BASIS, 10),
    _entry("huan-chuong-ho-chi-minh", "Huân chương Hồ Chí Minh", "Hồ Chí Minh Order", Group.ORDER, _IC, _PRESIDENT,
           _ORDERS_BASIS, 20),
    *_three_classes("huan-chuong-doc-lap", "Huân chương Độc lập", "Independence Order", Group.ORDER, _IC,
                    _ORDERS_BASIS, 30),
    *_three_classes("huan-chuong-quan-cong", "Huân chương Quân công", "Military Exploit Order", Group.ORDER, _IC,
                    _ORDERS_BASIS, 40),
    *_three_classes("huan-chuong-lao-dong", "Huân chương Lao động", "Labour Order", Group.ORDER, _IC,
                    _ORDERS_BASIS, 50),
    *_three_classes("huan-chuong-bao-ve-to-quoc", "Huân chương Bảo vệ Tổ quốc", "Fatherland Defence Order",
                    Group.ORDER, _IC, _ORDERS_BASIS, 60),
    *_three_classes("huan-chuong-chien-cong", "Huân chương Chiến công", "Feat of Arms Order", Group.ORDER, _IC,
                    _ORDERS_BASIS, 70),
    _entry("huan-chuong-dai-doan-ket-dan-toc", "Huân chương Đại đoàn kết dân tộc", "Great National Unity Order",
           Group.ORDER, _I, _PRESIDENT, _ORDERS_BASIS, 80),
    _entry("huan-chuong-dung-cam", "Huân chương Dũng cảm", "Bravery Order", Group.ORDER, _I, _PRESIDENT,
           _ORDERS_BASIS, 90),
    _entry("huan-chuong-huu-nghi", "Huân chương Hữu nghị", "Friendship Order", Group.ORDER, _IC, _PRESIDENT,
           _ORDERS_BASIS, 100),
    # Medals (huy chương), Law 2022 Art. 54(2): for individuals only.
    _entry("huy-chuong-quan-ky-quyet-thang", "Huy chương Quân kỳ quyết thắng", "Victory Banner Medal", Group.MEDAL,
           _I, _PRESIDENT, _MEDALS_BASIS, 110),
    _entry("huy-chuong-vi-an-ninh-to-quoc", "Huy chương Vì an ninh Tổ quốc", "For the Fatherland's Security Medal",
           Group.MEDAL, _I, _PRESIDENT, _MEDALS_BASIS, 120),
    *_three_classes("huy-chuong-chien-si-ve-vang", "Huy chương Chiến sĩ vẻ vang", "Glorious Fighter Medal",
                    Group.MEDAL, _I, _MEDALS_BASIS, 130),
    _entry("huy-chuong-huu-nghi", "Huy chương Hữu nghị", "Friendship Medal", Group.MEDAL, _I, _PRESIDENT,
           _MEDALS_BASIS, 140),
    # Transitional provision of the 2022 law for former youth volunteers.
    _entry("huy-chuong-thanh-nien-xung-phong-ve-vang", "Huy chương Thanh niên xung phong vẻ vang",
           "Glorious Youth Volunteer Medal", Group.MEDAL, _I, _PRESIDENT,
           f"{_LAW_2022}, Điều 77, Điều 96; Nghị định 28/2024/NĐ-CP (đến 30/6/2025), {_DECREE_152} (từ 1/7/2025)",
           150, **_NEW),
    # State honorary titles (danh hiệu vinh dự nhà nước).
    _entry("ba-me-viet-nam-anh-hung", "Bà mẹ Việt Nam anh hùng", "Heroic Vietnamese Mother", Group.HONORARY_TITLE,
           _I, _PRESIDENT, _HONOURS_BASIS, 200),
    _entry("anh-hung-luc-luong-vu-trang-nhan-dan", "Anh hùng Lực lượng vũ trang nhân dân",
           "Hero of the People's Armed Forces", Group.HONORARY_TITLE, _IC, _PRESIDENT, _HONOURS_BASIS, 210),
    _entry("anh-hung-lao-dong", "Anh hùng Lao động", "Labour Hero", Group.HONORARY_TITLE, _IC, _PRESIDENT,
           _HONOURS_BASIS, 220),
    _entry("tinh-anh-hung", "Tỉnh anh hùng", "Heroic Province", Group.HONORARY_TITLE, _C, _PRESIDENT,
           _HONOURS_BASIS, 230),
    _entry("thanh-pho-anh-hung", "Thành phố anh hùng", "Heroic City", Group.HONORARY_TITLE, _C, _PRESIDENT,
           _HONOURS_BASIS, 231),
    _entry("nha-giao-nhan-dan", "Nhà giáo nhân dân", "People's Teacher", Group.HONORARY_TITLE, _I, _PRESIDENT,
           _HONOURS_BASIS, 240),
    _entry("nha-giao-uu-tu", "Nhà giáo ưu tú", "Meritorious Teacher", Group.HONORARY_TITLE, _I, _PRESIDENT,
           _HONOURS_BASIS, 241),
    _entry("thay-thuoc-nhan-dan", "Thầy thuốc nhân dân", "People's Physician", Group.HONORARY_TITLE, _I,
           _PRESIDENT, _HONOURS_BASIS, 250),
    _entry("thay-thuoc-uu-tu", "Thầy thuốc ưu tú", "Meritorious Physician", Group.HONORARY_TITLE, _I, _PRESIDENT,
           _HONOURS_BASIS, 251),
    _entry("nghe-si-nhan-dan", "Nghệ sĩ nhân dân", "People's Artist", Group.HONORARY_TITLE, _I, _PRESIDENT,
           _HONOURS_BASIS, 260),
    _entry("nghe-si-uu-tu", "Nghệ sĩ ưu tú", "Meritorious Artist", Group.HONORARY_TITLE, _I, _PRESIDENT,
           _HONOURS_BASIS, 261),
    _entry("nghe-nhan-nhan-dan", "Nghệ nhân nhân dân", "People's Artisan", Group.HONORARY_TITLE, _I, _PRESIDENT,
           _HONOURS_BASIS, 270),
    _entry("nghe-nhan-uu-tu", "Nghệ nhân ưu tú", "Meritorious Artisan", Group.HONORARY_TITLE, _I, _PRESIDENT,
           _HONOURS_BASIS, 271),
    # Prizes, for authors: a person or a collective of authors.
    _entry("giai-thuong-ho-chi-minh", "Giải thưởng Hồ Chí Minh", "Hồ Chí Minh Prize", Group.PRIZE, _IC, _PRESIDENT,
           _HONOURS_BASIS, 300),
    _entry("giai-thuong-nha-nuoc", "Giải thưởng Nhà nước", "State Prize", Group.PRIZE, _IC, _PRESIDENT,
           _HONOURS_BASIS, 310),
    # --- Awarded by the Government and the Prime Minister (Art. 78 of both laws) ------------------------
    _entry("co-thi-dua-cua-chinh-phu-2003", "Cờ thi đua của Chính phủ", "Government Emulation Flag", Group.FLAG, _C,
           _PM, f"{_LAW_2003}, Điều 78", 400, **_OLD),
    _entry("co-thi-dua-cua-chinh-phu", "Cờ thi đua của Chính phủ", "Government Emulation Flag", Group.FLAG, _C,
           _GOVERNMENT, f"{_LAW_2022}, Điều 20, Điều 78", 400, **_NEW),
    _entry("chien-si-thi-dua-toan-quoc", "Chiến sĩ thi đua toàn quốc", "National Emulation Fighter",
           Group.INDIVIDUAL_TITLE, _I, _PM, _both("Điều 78", "Điều 19, Điều 21, Điều 78"), 410),
    _entry("bang-khen-cua-thu-tuong-chinh-phu", "Bằng khen của Thủ tướng Chính phủ",
           "Prime Minister's Certificate of Merit", Group.CERTIFICATE_OF_MERIT, _ICH, _PM,
           _both("Điều 70, Điều 78", "Điều 9, Điều 78", f"{_DECREE_91}, Điều 38"), 420),
    # --- Awarded by ministers, heads of central agencies and provincial chairs (Art. 79) ---------------
    _entry("co-thi-dua-cap-bo-nganh-tinh-2003", "Cờ thi đua cấp bộ, ngành, tỉnh, đoàn thể trung ương",
           "Emulation Flag of a Ministry, Sector, Province or Central Mass Organisation", Group.FLAG, _C,
           _MINISTRY_PROVINCE, f"{_LAW_2003}, Điều 79; {_DECREE_91}", 500, **_OLD),
    _entry("co-thi-dua-cua-bo-ban-nganh-tinh", "Cờ thi đua của Bộ, ban, ngành, tỉnh",
           "Emulation Flag of a Ministry, Central Agency or Province", Group.FLAG, _C, _MINISTRY_PROVINCE,
           f"{_LAW_2022}, Điều 20, Điều 79; {_DECREES_2023_2025}", 500, **_NEW),
    _entry("chien-si-thi-dua-cap-bo-nganh-tinh-2003", "Chiến sĩ thi đua cấp bộ, ngành, tỉnh, đoàn thể trung ương",
           "Emulation Fighter of a Ministry, Sector, Province or Central Mass Organisation", Group.INDIVIDUAL_TITLE,
           _I, _MINISTRY_PROVINCE, f"{_LAW_2003}, Điều 79; {_DECREE_91}", 510, **_OLD),
    _entry("chien-si-thi-dua-bo-ban-nganh-tinh", "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh",
           "Emulation Fighter of a Ministry, Central Agency or Province", Group.INDIVIDUAL_TITLE, _I,
           _MINISTRY_PROVINCE, f"{_LAW_2022}, Điều 19, Điều 79; {_DECREES_2023_2025}", 510, **_NEW),
    _entry("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc", "Excellent Labour Collective",
           Group.COLLECTIVE_TITLE, _C, _MINISTRY_PROVINCE, _both("Điều 79", "Điều 20, Điều 79"), 520),
    _entry("don-vi-quyet-thang", "Đơn vị quyết thắng", "Determined-to-Win Unit", Group.COLLECTIVE_TITLE, _C,
           _MINISTRY_PROVINCE, _both("Điều 79", "Điều 20, Điều 79"), 521),
    _entry("xa-phuong-thi-tran-tieu-bieu", "Xã, phường, thị trấn tiêu biểu", "Exemplary Commune, Ward or Township",
           Group.COLLECTIVE_TITLE, _C, _PROVINCE, f"{_LAW_2022}, Điều 20, Điều 29; {_DECREE_86}", 530, **_NEW),
    _entry("bang-khen-cap-bo-nganh-tinh-2003", "Bằng khen cấp bộ, ngành, tỉnh, đoàn thể trung ương",
           "Certificate of Merit of a Ministry, Sector, Province or Central Mass Organisation",
           Group.CERTIFICATE_OF_MERIT, _ICH, _MINISTRY_PROVINCE, f"{_LAW_2003}, Điều 79; {_DECREE_91}", 540, **_OLD),
    _entry("bang-khen-cua-bo-ban-nganh-tinh", "Bằng khen của Bộ, ban, ngành, tỉnh",
           "Certificate of Merit of a Ministry, Central Agency or Province", Group.CERTIFICATE_OF_MERIT, _ICH,
           _MINISTRY_PROVINCE, f"{_LAW_2022}, Điều 9, Điều 79; {_DECREES_2023_2025}", 540, **_NEW),
    _entry("ky-niem-chuong", "Kỷ niệm chương", "Commemorative Medal", Group.COMMEMORATIVE_MEDAL, _I,
           _MINISTRY_PROVINCE, f"{_LAW_2003}; {_LAW_2022}, Điều 9, Điều 79", 550),
    # --- Awarded by heads of units, district and commune chairs (Art. 80 of both laws) -----------------
    # The commune chair awards these two from 1/7/2025 (POWERS_FROM), in place of the abolished district chair.
    _entry("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", "Grassroots Emulation Fighter",
           Group.INDIVIDUAL_TITLE, _I, _DEPARTMENT_DISTRICT_COMMUNE,
           _both("Điều 80", "Điều 19, Điều 80", _DECREE_129), 600),
    _entry("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến", "Advanced Labour Collective",
           Group.COLLECTIVE_TITLE, _C, _DEPARTMENT_DISTRICT_COMMUNE,
           _both("Điều 80", "Điều 20, Điều 80", _DECREE_129), 610),
    _entry("don-vi-tien-tien", "Đơn vị tiên tiến", "Advanced Unit", Group.COLLECTIVE_TITLE, _C, _DEPARTMENT,
           _both("Điều 80", "Điều 20, Điều 80"), 611),
    _entry("lao-dong-tien-tien", "Lao động tiên tiến", "Advanced Worker", Group.INDIVIDUAL_TITLE, _I,
           _DEPARTMENT_DISTRICT_COMMUNE, _both("Điều 80", "Điều 19, Điều 80", f"{_DECREE_91}, Điều 43"), 620),
    _entry("chien-si-tien-tien", "Chiến sĩ tiên tiến", "Advanced Soldier", Group.INDIVIDUAL_TITLE, _I, _DEPARTMENT,
           _both("Điều 80", "Điều 19, Điều 80"), 621),
    _entry("thon-lang-ap-ban-to-dan-pho-van-hoa-2003", "Thôn, làng, ấp, bản, tổ dân phố văn hóa",
           "Cultural Village, Hamlet or Residential Group", Group.COLLECTIVE_TITLE, _C, _DISTRICT,
           f"{_LAW_2003}, Điều 80; {_DECREE_122}", 630, **_OLD),
    _entry("thon-to-dan-pho-van-hoa", "Thôn, tổ dân phố văn hóa", "Cultural Village or Residential Group",
           Group.COLLECTIVE_TITLE, _C, _DISTRICT_COMMUNE,
           f"{_LAW_2022}, Điều 20, Điều 30, Điều 80; {_DECREE_86}; {_DECREE_129}", 630, **_NEW),
    _entry("gia-dinh-van-hoa", "Gia đình văn hóa", "Cultural Family", Group.HOUSEHOLD_TITLE, _H, _COMMUNE,
           _both("Điều 80", "Điều 20, Điều 80", _DECREE_122, _DECREE_86, _DECREE_129), 640),
    _entry("giay-khen", "Giấy khen", "Certificate of Commendation", Group.CERTIFICATE, _ICH,
           _DEPARTMENT_DISTRICT_COMMUNE, _both("Điều 80", "Điều 9, Điều 80", _DECREE_129), 650),
)  # fmt: skip

# An old-law entry -> the new-law entry that took its place on 1/1/2024 (renamed, or changed in authority).
REPLACED_BY: dict[str, str] = {
    "co-thi-dua-cua-chinh-phu-2003": "co-thi-dua-cua-chinh-phu",
    "co-thi-dua-cap-bo-nganh-tinh-2003": "co-thi-dua-cua-bo-ban-nganh-tinh",
    "chien-si-thi-dua-cap-bo-nganh-tinh-2003": "chien-si-thi-dua-bo-ban-nganh-tinh",
    "bang-khen-cap-bo-nganh-tinh-2003": "bang-khen-cua-bo-ban-nganh-tinh",
    "thon-lang-ap-ban-to-dan-pho-van-hoa-2003": "thon-to-dan-pho-van-hoa",
}

COMMENDATION_TYPES: dict[CommendationType, tuple[str, str]] = {
    CommendationType.MERIT: ("Khen thưởng theo công trạng và thành tích đạt được", "For merit and achievements"),
    CommendationType.PHASE_OR_THEME: ("Khen thưởng theo đợt hoặc theo chuyên đề", "For a phase or a theme"),
    CommendationType.UNSCHEDULED: ("Khen thưởng đột xuất", "For an unscheduled achievement"),
    CommendationType.CONTRIBUTION: ("Khen thưởng quá trình cống hiến", "For a lifetime of contribution"),
    CommendationType.SENIORITY: ("Khen thưởng theo niên hạn", "For years of service"),
    CommendationType.FOREIGN: ("Khen thưởng đối ngoại", "Foreign relations"),
}

AUTHORITY_LABELS: dict[Authority, tuple[str, str]] = {
    Authority.PRESIDENT: ("Chủ tịch nước", "President of the State"),
    Authority.GOVERNMENT: ("Chính phủ", "The Government"),
    Authority.PRIME_MINISTER: ("Thủ tướng Chính phủ", "Prime Minister"),
    Authority.MINISTRY: (
        "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, ban, ngành, đoàn thể trung ương",
        "Minister or head of a central agency",
    ),
    Authority.PROVINCE: ("Chủ tịch Ủy ban nhân dân cấp tỉnh", "Chair of the provincial People's Committee"),
    Authority.DEPARTMENT: (
        "Thủ trưởng cơ quan, đơn vị thuộc bộ, ngành, tỉnh",
        "Head of an agency or unit of a ministry or province",
    ),
    Authority.DISTRICT: ("Chủ tịch Ủy ban nhân dân cấp huyện", "Chair of the district People's Committee"),
    Authority.COMMUNE: ("Chủ tịch Ủy ban nhân dân cấp xã", "Chair of the commune People's Committee"),
}

#: Awarding levels that ceased, with their last day: no decision of theirs is dated later.
LEVEL_ENDED: dict[Authority, datetime.date] = {
    # Two-level local government from 1/7/2025: the district People's Committees ended on 30/6/2025.
    Authority.DISTRICT: datetime.date(2025, 6, 30),
}

#: (code, level) -> the first day that level may award that entry: the powers Decree 129/2025/NĐ-CP Art. 59
#: moved from the abolished district chair to the commune chair.
POWERS_FROM: dict[tuple[str, Authority], datetime.date] = {
    (code, Authority.COMMUNE): datetime.date(2025, 7, 1)
    for code in ("chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien", "thon-to-dan-pho-van-hoa")
}


def may_award(code: str, authorities, authority: str, day: datetime.date | None) -> bool:
    """Whether the level ``authority`` may award the entry ``code`` (whose levels are ``authorities``) on ``day``:
    it is one of them, it still existed that day, and its power over that entry had begun. Without a day, only
    the first."""
    if authority not in authorities:
        return False
    if day is None:
        return True
    ended = LEVEL_ENDED.get(authority)
    if ended is not None and day > ended:
        return False
    start = POWERS_FROM.get((code, authority))
    return start is None or day >= start


_BY_CODE: dict[str, CatalogueEntry] = {entry.code: entry for entry in ENTRIES}


def entries_valid_on(day: datetime.date) -> list[CatalogueEntry]:
    """The entries that could be awarded on ``day``, highest rank first."""
    return sorted((e for e in ENTRIES if e.is_valid_on(day)), key=lambda e: (e.order, e.code))


def by_code(code: str) -> CatalogueEntry:
    """The entry with ``code``; raises KeyError for an unknown code."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"no catalogue entry with code {code!r}") from None
