"""The legal catalogue: titles and forms kept apart, who may award what, and which law was in force when."""

import datetime
import re
import unicodedata

import pytest

from thidua_wagtail.catalogue import (
    AUTHORITY_LABELS,
    COMMENDATION_TYPES,
    ENTRIES,
    REPLACED_BY,
    Authority,
    CatalogueEntry,
    Category,
    CommendationType,
    Group,
    Recipient,
    by_code,
    entries_valid_on,
)

OLD_LAW_DAY = datetime.date(2023, 6, 1)
NEW_LAW_DAY = datetime.date(2024, 6, 1)
LAST_OLD_DAY = datetime.date(2023, 12, 31)
FIRST_NEW_DAY = datetime.date(2024, 1, 1)
SAMPLE_DAYS = (datetime.date(2010, 1, 1), OLD_LAW_DAY, LAST_OLD_DAY, FIRST_NEW_DAY, NEW_LAW_DAY)

# Written out here rather than imported, so a group moved to the wrong side in the module is caught.
TITLE_GROUPS = {Group.INDIVIDUAL_TITLE, Group.COLLECTIVE_TITLE, Group.HOUSEHOLD_TITLE, Group.FLAG}
FORM_GROUPS = {
    Group.ORDER,
    Group.MEDAL,
    Group.HONORARY_TITLE,
    Group.PRIZE,
    Group.COMMEMORATIVE_MEDAL,
    Group.CERTIFICATE_OF_MERIT,
    Group.CERTIFICATE,
}


def named(name, day=NEW_LAW_DAY):
    """The single entry called ``name`` that is valid on ``day``."""
    found = [e for e in entries_valid_on(day) if e.name == name]
    assert len(found) == 1, f"{name!r} on {day}: {found}"
    return found[0]


def names_on(day):
    return {e.name for e in entries_valid_on(day)}


def test_codes_are_unique_ascii_slugs():
    codes = [e.code for e in ENTRIES]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code), code


def test_every_group_belongs_to_exactly_one_category():
    assert TITLE_GROUPS | FORM_GROUPS == set(Group)
    assert not TITLE_GROUPS & FORM_GROUPS


def test_titles_have_title_groups_and_forms_form_groups():
    for entry in ENTRIES:
        expected = TITLE_GROUPS if entry.category is Category.TITLE else FORM_GROUPS
        assert entry.group in expected, entry.code


def test_no_name_is_both_a_title_and_a_form():
    titles = {e.name for e in ENTRIES if e.category is Category.TITLE}
    forms = {e.name for e in ENTRIES if e.category is Category.FORM}
    assert titles and forms
    assert not titles & forms


def test_an_entry_mixing_title_and_form_is_refused():
    with pytest.raises(ValueError):
        CatalogueEntry(
            "bad",
            "Giấy khen",
            "Certificate",
            Category.TITLE,
            Group.CERTIFICATE,
            frozenset({Recipient.INDIVIDUAL}),
            frozenset({Authority.DEPARTMENT}),
            "",
        )


def test_the_flags_are_titles_not_forms():
    for name in ("Cờ thi đua của Chính phủ", "Cờ thi đua của Bộ, ban, ngành, tỉnh"):
        entry = named(name)
        assert (entry.category, entry.group) == (Category.TITLE, Group.FLAG)


def test_lao_dong_tien_tien_is_for_individuals_and_awardable_by_a_department():
    entry = named("Lao động tiên tiến")
    assert entry.category is Category.TITLE
    assert entry.recipients == {Recipient.INDIVIDUAL}
    assert entry.authorities == {Authority.DEPARTMENT, Authority.DISTRICT, Authority.COMMUNE}


def test_recipients_of_the_collective_and_household_titles():
    assert named("Tập thể lao động tiên tiến").recipients == {Recipient.COLLECTIVE}
    assert named("Tập thể lao động xuất sắc").recipients == {Recipient.COLLECTIVE}
    assert named("Gia đình văn hóa").recipients == {Recipient.HOUSEHOLD}
    assert named("Gia đình văn hóa").group is Group.HOUSEHOLD_TITLE


def test_only_certificates_and_the_household_title_reach_households():
    with_households = {e.group for e in ENTRIES if Recipient.HOUSEHOLD in e.recipients}
    assert with_households == {Group.CERTIFICATE_OF_MERIT, Group.CERTIFICATE, Group.HOUSEHOLD_TITLE}
    for name in ("Bằng khen của Thủ tướng Chính phủ", "Bằng khen của Bộ, ban, ngành, tỉnh", "Giấy khen"):
        assert named(name).recipients == set(Recipient)


def test_what_a_department_may_award():
    # A Sở: the three titles of Art. 80(1) and Giấy khen; the armed forces' equivalents go to their units' heads.
    awardable = {e.name for e in entries_valid_on(NEW_LAW_DAY) if Authority.DEPARTMENT in e.authorities}
    assert awardable == {
        "Tập thể lao động tiên tiến",
        "Chiến sĩ thi đua cơ sở",
        "Lao động tiên tiến",
        "Giấy khen",
        "Đơn vị tiên tiến",
        "Chiến sĩ tiên tiến",
    }


def test_no_bang_khen_is_awardable_by_a_department_district_or_commune():
    certificates_of_merit = [e for e in ENTRIES if e.group is Group.CERTIFICATE_OF_MERIT]
    assert len(certificates_of_merit) >= 2
    for entry in certificates_of_merit:
        assert entry.name.startswith("Bằng khen")
        assert not entry.authorities & {Authority.DEPARTMENT, Authority.DISTRICT, Authority.COMMUNE}, entry.code


def test_bang_khen_of_the_prime_minister_only_by_the_prime_minister():
    entry = by_code("bang-khen-cua-thu-tuong-chinh-phu")
    assert entry.name == "Bằng khen của Thủ tướng Chính phủ"
    assert entry.authorities == {Authority.PRIME_MINISTER}
    assert entry.category is Category.FORM


def test_the_president_awards_every_order_medal_honorary_title_and_prize():
    for entry in ENTRIES:
        if entry.group in {Group.ORDER, Group.MEDAL, Group.HONORARY_TITLE, Group.PRIZE}:
            assert entry.authorities == {Authority.PRESIDENT}, entry.code
        else:
            assert Authority.PRESIDENT not in entry.authorities, entry.code


def test_each_class_is_its_own_entry():
    for base in ("Độc lập", "Quân công", "Lao động", "Bảo vệ Tổ quốc", "Chiến công"):
        classes = [named(f"Huân chương {base} hạng {rank}") for rank in ("Nhất", "Nhì", "Ba")]
        assert classes[0].order < classes[1].order < classes[2].order
    assert named("Huy chương Chiến sĩ vẻ vang hạng Ba").group is Group.MEDAL
    assert named("Huân chương Sao vàng").order < named("Huân chương Lao động hạng Ba").order
    assert named("Chiến sĩ thi đua toàn quốc").order < named("Giấy khen").order


def test_old_law_names_on_a_day_of_2023():
    names = names_on(OLD_LAW_DAY)
    assert {
        "Chiến sĩ thi đua cấp bộ, ngành, tỉnh, đoàn thể trung ương",
        "Cờ thi đua cấp bộ, ngành, tỉnh, đoàn thể trung ương",
        "Bằng khen cấp bộ, ngành, tỉnh, đoàn thể trung ương",
        "Thôn, làng, ấp, bản, tổ dân phố văn hóa",
        "Lao động tiên tiến",
        "Huân chương Lao động hạng Ba",
    } <= names
    assert (
        not {
            "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh",
            "Cờ thi đua của Bộ, ban, ngành, tỉnh",
            "Bằng khen của Bộ, ban, ngành, tỉnh",
            "Thôn, tổ dân phố văn hóa",
            "Xã, phường, thị trấn tiêu biểu",
        }
        & names
    )


def test_new_law_names_on_a_day_of_2024():
    names = names_on(NEW_LAW_DAY)
    assert {
        "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh",
        "Cờ thi đua của Bộ, ban, ngành, tỉnh",
        "Bằng khen của Bộ, ban, ngành, tỉnh",
        "Thôn, tổ dân phố văn hóa",
        "Xã, phường, thị trấn tiêu biểu",
        "Lao động tiên tiến",
        "Huân chương Lao động hạng Ba",
    } <= names
    assert (
        not {
            "Chiến sĩ thi đua cấp bộ, ngành, tỉnh, đoàn thể trung ương",
            "Cờ thi đua cấp bộ, ngành, tỉnh, đoàn thể trung ương",
            "Bằng khen cấp bộ, ngành, tỉnh, đoàn thể trung ương",
            "Thôn, làng, ấp, bản, tổ dân phố văn hóa",
        }
        & names
    )


def test_a_replaced_entry_and_its_successor_are_never_valid_on_the_same_day():
    assert REPLACED_BY
    for old_code, new_code in REPLACED_BY.items():
        old, new = by_code(old_code), by_code(new_code)
        assert (old.category, old.group) == (new.category, new.group)
        assert old.valid_until == LAST_OLD_DAY and old.valid_from is None
        assert new.valid_from == FIRST_NEW_DAY and new.valid_until is None
        assert old.name != new.name or old.authorities != new.authorities or old.recipients != new.recipients
        for day in SAMPLE_DAYS:
            assert not (old.is_valid_on(day) and new.is_valid_on(day)), (old_code, day)
        assert old in entries_valid_on(LAST_OLD_DAY) and new not in entries_valid_on(LAST_OLD_DAY)
        assert new in entries_valid_on(FIRST_NEW_DAY) and old not in entries_valid_on(FIRST_NEW_DAY)


def test_dates_are_only_the_switch_between_the_laws():
    successors = set(REPLACED_BY.values())
    for entry in ENTRIES:
        if entry.valid_until is not None:
            assert entry.code in REPLACED_BY, entry.code
            assert entry.valid_until == LAST_OLD_DAY
        if entry.valid_from is not None:
            assert entry.valid_from == FIRST_NEW_DAY
        if entry.valid_from is None and entry.valid_until is None:
            assert "2003" in entry.legal_basis and "2022" in entry.legal_basis, entry.code
    assert successors <= {e.code for e in ENTRIES if e.valid_from == FIRST_NEW_DAY}


def test_no_name_is_listed_twice_on_any_day():
    for day in SAMPLE_DAYS:
        names = [e.name for e in entries_valid_on(day)]
        assert len(names) == len(set(names)), day


def test_valid_from_is_not_after_valid_until():
    for entry in ENTRIES:
        if entry.valid_from and entry.valid_until:
            assert entry.valid_from <= entry.valid_until, entry.code


def test_vietnamese_text_is_nfc():
    texts = [text for e in ENTRIES for text in (e.name, e.legal_basis)]
    texts += [label for labels in (*COMMENDATION_TYPES.values(), *AUTHORITY_LABELS.values()) for label in labels]
    for text in texts:
        assert unicodedata.is_normalized("NFC", text), text


def test_every_entry_is_complete():
    for entry in ENTRIES:
        assert entry.name and entry.name_en and entry.legal_basis and entry.order > 0, entry.code
        assert entry.name_en.isascii() or "Hồ Chí Minh" in entry.name_en, entry.code


def test_labels_cover_every_type_and_authority():
    assert set(COMMENDATION_TYPES) == set(CommendationType)
    assert set(AUTHORITY_LABELS) == set(Authority)
    assert COMMENDATION_TYPES[CommendationType.UNSCHEDULED][0] == "Khen thưởng đột xuất"


def test_entries_valid_on_is_ordered_by_rank():
    orders = [e.order for e in entries_valid_on(NEW_LAW_DAY)]
    assert orders == sorted(orders)


def test_by_code():
    assert by_code("lao-dong-tien-tien").name == "Lao động tiên tiến"
    with pytest.raises(KeyError):
        by_code("no-such-award")


def test_the_government_and_the_prime_minister_are_distinct_levels_under_the_2022_law():
    flag, certificate = by_code("co-thi-dua-cua-chinh-phu"), by_code("bang-khen-cua-thu-tuong-chinh-phu")
    assert flag.authorities == {Authority.GOVERNMENT} and flag.valid_from == FIRST_NEW_DAY
    assert Authority.GOVERNMENT not in certificate.authorities
    old_flag = by_code("co-thi-dua-cua-chinh-phu-2003")
    assert old_flag.name == flag.name and old_flag.authorities == {Authority.PRIME_MINISTER}
    assert REPLACED_BY[old_flag.code] == flag.code
