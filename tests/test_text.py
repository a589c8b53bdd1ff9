from thidua_wagtail.text import vietnamese_sort_key


def test_districts_of_dong_thap_in_dictionary_order():
    names = ["Tháp Mười", "Tân Hồng", "Thanh Bình", "Tam Nông", "Lấp Vò", "Lai Vung", "Châu Thành", "Cao Lãnh"]
    assert sorted(names, key=vietnamese_sort_key) == [
        "Cao Lãnh",
        "Châu Thành",
        "Lai Vung",
        "Lấp Vò",
        "Tam Nông",
        "Tân Hồng",
        "Thanh Bình",
        "Tháp Mười",
    ]


def test_letters_with_marks_follow_their_base_letter():
    assert sorted(["đa", "da", "ea", "ăn", "ân", "an", "ba"], key=vietnamese_sort_key) == [
        "an",
        "ăn",
        "ân",
        "ba",
        "da",
        "đa",
        "ea",
    ]


def test_tones_break_ties_in_dictionary_order():
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma"], key=vietnamese_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_case_and_decomposed_input_do_not_matter():
    decomposed = "Tha\u0301p Mu\u031bo\u031b\u0300i"
    assert vietnamese_sort_key(decomposed)[:2] == vietnamese_sort_key("tháp mười")[:2]


def test_fold_removes_diacritics_case_and_extra_spaces():
    from thidua_wagtail.text import fold

    assert fold("Nguyễn  Văn An") == "nguyen van an"
    assert fold("ĐỖ THỊ ĐÀO") == "do thi dao"
    assert fold("Phòng Tư pháp huyện Tân Hồng") == "phong tu phap huyen tan hong"
    assert fold("") == ""


def test_fold_gives_the_same_key_for_every_character_as_the_plain_definition():
    """fold() takes shortcuts for ASCII and for letters that decompose into one ASCII letter and marks; every
    character (alone, after a letter, before marks; composed or not) folds as the definition says: decompose,
    drop the combining marks, đ as d, spaces collapsed."""
    import unicodedata

    from thidua_wagtail.text import fold

    def definition(text):
        decomposed = unicodedata.normalize("NFD", text.casefold())
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        return " ".join(stripped.replace("đ", "d").split())

    samples = ["Nguyễn Văn Đức", "NGUYỄN  THỊ\tHOA", unicodedata.normalize("NFD", "Trần Thị Hương"), "Ǆ ß İ ﬁ 中文"]
    for code in range(0x3000):
        char = chr(code)
        samples += [char, "a" + char, char + "\u0301", "Đ" + char + "\u0323x"]
    for text in samples:
        assert fold(text) == definition(text), (text, hex(ord(text[0])))
