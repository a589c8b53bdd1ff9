"""Commemorations shipped with the package: the days whose anniversaries reviews are held with.

Plain data, loaded into :class:`~thidua_wagtail.models.Commemoration` by ``thidua_load_catalogue``
(and the migrations), like the award catalogue. A portal adds its own sector's and province's
days in the admin; the ones below are those that plans all over the country celebrate.

Each entry gives the day the event happened, which is what anniversaries are counted from
("kỷ niệm 75 năm" of 11/6/1948 is held on 11/6/2023), and where the date comes from.
What was checked, and what could not be, is written beside each source in ``SOURCES_CHECKED``.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

__all__ = ["ENTRIES", "SOURCES_CHECKED", "CommemorationEntry", "CommemorationKind", "by_code"]


class CommemorationKind(enum.StrEnum):
    """Whose day it is (values match :class:`thidua_wagtail.models.CommemorationKind`)."""

    NATIONAL = "national"
    SECTOR = "sector"
    LOCAL = "local"


@dataclass(frozen=True)
class CommemorationEntry:
    """One commemorated day: its name in both languages, the original date and its source."""

    code: str  # stable ASCII slug, unique, never changes
    name: str  # Vietnamese, as plans write it after "kỷ niệm … năm"
    name_en: str  # English, as it reads after "the 75th anniversary of"
    original_date: datetime.date
    kind: CommemorationKind
    source: str

    def __post_init__(self):
        if not self.code.isascii() or " " in self.code:
            raise ValueError(f"{self.code}: the code must be an ASCII slug")


ENTRIES: tuple[CommemorationEntry, ...] = (
    CommemorationEntry(
        "loi-keu-goi-thi-dua-ai-quoc",
        "Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc",
        "President Hồ Chí Minh's Call for Patriotic Emulation",
        datetime.date(1948, 6, 11),
        CommemorationKind.NATIONAL,
        "Lời kêu gọi thi đua ái quốc của Chủ tịch Hồ Chí Minh, ngày 11/6/1948",
    ),
    CommemorationEntry(
        "tong-tuyen-cu-dau-tien",
        "Ngày Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam",
        "the first general election of the National Assembly of Viet Nam",
        datetime.date(1946, 1, 6),
        CommemorationKind.NATIONAL,
        "Cuộc Tổng tuyển cử bầu Quốc hội khóa I, ngày 6/1/1946",
    ),
    CommemorationEntry(
        "quoc-khanh",
        "Ngày Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "the National Day of the Socialist Republic of Viet Nam",
        datetime.date(1945, 9, 2),
        CommemorationKind.NATIONAL,
        "Tuyên ngôn Độc lập, ngày 2/9/1945; Bộ luật Lao động 2019, Điều 112",
    ),
    CommemorationEntry(
        "thanh-lap-dang",
        "Ngày thành lập Đảng Cộng sản Việt Nam",
        "the founding of the Communist Party of Viet Nam",
        datetime.date(1930, 2, 3),
        CommemorationKind.NATIONAL,
        "Hội nghị thành lập Đảng, ngày 3/2/1930",
    ),
    CommemorationEntry(
        "ngay-sinh-chu-tich-ho-chi-minh",
        "Ngày sinh Chủ tịch Hồ Chí Minh",
        "President Hồ Chí Minh's birthday",
        datetime.date(1890, 5, 19),
        CommemorationKind.NATIONAL,
        "Ngày sinh của Chủ tịch Hồ Chí Minh, 19/5/1890",
    ),
    CommemorationEntry(
        "giai-phong-mien-nam",
        "Ngày Giải phóng miền Nam, thống nhất đất nước",
        "the liberation of the South and national reunification",
        datetime.date(1975, 4, 30),
        CommemorationKind.NATIONAL,
        "Ngày 30/4/1975; Bộ luật Lao động 2019, Điều 112",
    ),
    CommemorationEntry(
        "thanh-lap-quan-doi-nhan-dan",
        "Ngày thành lập Quân đội nhân dân Việt Nam",
        "the founding of the Vietnam People's Army",
        datetime.date(1944, 12, 22),
        CommemorationKind.NATIONAL,
        "Đội Việt Nam Tuyên truyền Giải phóng quân thành lập ngày 22/12/1944",
    ),
    CommemorationEntry(
        "truyen-thong-nganh-tu-phap",
        "Ngày Truyền thống ngành Tư pháp",
        "the Justice Sector's Tradition Day",
        datetime.date(1945, 8, 28),
        CommemorationKind.SECTOR,
        "Ngày thành lập Bộ Tư pháp trong Chính phủ lâm thời, 28/8/1945 (Cổng thông tin điện tử Bộ Tư pháp)",
    ),
)

#: What was checked of the entries above, for the catalogue's documentation (docs/commemorations.md).
SOURCES_CHECKED = (
    "The dates are those of the events themselves, as the portals and press of the Party, the Government and "
    "the Justice sector print them when the anniversaries are celebrated: 11/6/1948 (Quân đội nhân dân; the "
    "Supreme People's Court's emulation portal: “ngày 11/6 hàng năm trở thành Ngày truyền thống Thi đua yêu "
    "nước”), 6/1/1946 (Thông tấn xã Việt Nam), 28/8/1945 (the Ministry of Justice's portal, “28/8/1945 – "
    "28/8/2005”), 2/9/1945, 3/2/1930, 19/5/1890 and 22/12/1944. National Day and 30/4 are public holidays by "
    "the Labour Code 2019, Art. 112. Not found: a legal act designating 11/6 as an official day, and the "
    "decision of the Prime Minister that designated the Justice sector's Tradition Day (its number and date "
    "are therefore not cited)."
)

_BY_CODE = {entry.code: entry for entry in ENTRIES}
if len(_BY_CODE) != len(ENTRIES):
    raise ValueError("commemoration codes must be unique")


def by_code(code: str) -> CommemorationEntry:
    """The entry with ``code``; KeyError if there is none."""
    return _BY_CODE[code]
