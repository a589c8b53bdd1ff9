"""The honours register's harder corners: the indexed name search, namesakes in imports,
local award types that would pass for the catalogue's, the import's history line and the XLSX limit."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import make_decision, make_hub, make_unit
from tests.test_spreadsheets import upload, xlsx_file
from tests.utils import text_of
from thidua_wagtail.models import AwardType, Honour, HonourRollPage
from thidua_wagtail.search import filter_by_name

pytestmark = pytest.mark.django_db


@pytest.fixture
def roll():
    hub = make_hub()
    page = HonourRollPage(title="Danh sách khen thưởng", slug="danh-sach")
    hub.add_child(instance=page)
    return page


def names_on(client, roll, **params):
    response = client.get(roll.url, params)
    assert response.status_code == 200
    return {row["person_name"] or row["unit_name"] for row in response.context["honours"]}


def individual(name, award="lao-dong-tien-tien"):
    return {"recipient_kind": "individual", "person_name": name, "award": award}


# The name search and its index ---------------------------------------------------------------


def name_search_sql(roll, client, names=False, everything=False):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(roll.url, {"q": "nguyen van"})
    if everything:
        return [q["sql"] for q in ctx.captured_queries]
    # With ``names``, the query that reads the names that match; without, the first that reads the honours by
    # their names (the matches, for both the count and the pages).
    return next(
        q["sql"]
        for q in ctx.captured_queries
        if (names and NAME_TABLES.search(q["sql"]))
        or (not names and "search_name" in q["sql"] and not NAME_TABLES.search(q["sql"]))
    )


#: The tables of the register's names: the names on SQLite, their words and suffixes on PostgreSQL.
NAME_TABLES = re.compile(r"thidua_wagtail_honour_name(s|_words|_suffixes)\b")
#: An index lookup of the honours by the names found, given as one array (the planner writes the cast, or not, by
#: the index chosen).
NAME_LOOKUP = re.compile(r"Index Cond: \(\(?search_name\)?(::text)? = (ANY \(|\(unnest\()")


def explain(sql, params):
    with connection.cursor() as cursor:
        # The planner rightly prefers a sequential scan of a handful of rows (bench/scale.py has it choosing
        # these indexes at a million); here it is left only the indexes.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return " ".join(row[0] for row in cursor.fetchall())


def test_the_name_search_is_served_by_a_trigram_index(client, roll, monkeypatch):
    from thidua_wagtail import search

    make_decision(honours=[individual("Nguyễn Văn An"), individual("Trần Thị Bình")])
    if connection.vendor == "postgresql":
        from thidua_wagtail.search import NAMES_TABLE

        # The names that match are read on the names' trigram index (among a register's tens of thousands of names),
        # their honours from the index of each name's honours in the roll's order.
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {NAMES_TABLE} SELECT 'ten so ' || n FROM generate_series(1, 20000) AS n")
            cursor.execute(f"ANALYZE {NAMES_TABLE}")
        assert "Bitmap Index Scan on thidua_honour_names_trgm" in explain(
            f"SELECT search_name FROM {NAMES_TABLE} WHERE search_name LIKE %s", ["%nguyen van%"]
        )
        # Their honours by an index lookup of the names, in a register large enough for that (on a handful of rows,
        # as here, the planner may as well walk an index and probe the names: see the next test).
        monkeypatch.setattr(search, "NAMES_IN_ORDER_FROM", -1)  # -1: the count of a table never analysed
        sql, params = filter_by_name(Honour.objects.all(), "nguyen van").values("pk").query.sql_with_params()
        assert NAME_LOOKUP.search(explain(sql, params))
        # A visitor's search reads the names from their suffixes, a range of the suffixes' B-tree for each word
        # that may hold its text, whatever the number of names.
        from thidua_wagtail.search import SUFFIXES_TABLE, WORDS_TABLE, names_query

        found = name_search_sql(roll, client, names=True)
        assert SUFFIXES_TABLE in found and WORDS_TABLE in found
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {SUFFIXES_TABLE} SELECT 'so ' || n, 'ten so ' || n FROM generate_series(1, 20000) AS n"
            )
            cursor.execute(f"ANALYZE {SUFFIXES_TABLE}")
        for text in ("nguyen van", "uyen", "en va"):
            plan = explain(*names_query(connection, text, 10))
            assert re.search(rf"Index (Only )?Scan (using|on) {SUFFIXES_TABLE}_pkey", plan), plan
            assert re.search(r"Index Cond: \(\(suffix >= ", plan), plan
    else:

        def plan(sql):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + sql)
                return " ".join(str(row[-1]) for row in cursor.fetchall())

        # The names that match from FTS5's trigrams of the distinct names, their honours from each name's index.
        queries = name_search_sql(roll, client, everything=True)
        names = plan(next(sql for sql in queries if "thidua_wagtail_honour_names" in sql))
        assert re.search(r"SCAN thidua_wagtail_honour_name VIRTUAL TABLE", names), names
        honours = plan(next(sql for sql in queries if "json_each" in sql))
        assert "USING COVERING INDEX thidua_honour_name_roll (search_name=?)" in honours, honours
        # Then the roll reads those honours by their keys.
        assert any('"thidua_wagtail_honour"."id" IN (' in sql for sql in queries)


def test_a_search_with_quotes_or_the_index_query_syntax_is_read_as_plain_text(client, roll):
    # SQLite asks FTS5 for a phrase: a visitor's quotes, stars and operators are text to find, never syntax.
    make_decision(honours=[individual("Nguyễn Văn An"), individual("Trần Thị Bình")])
    assert names_on(client, roll, q='van "an') == set()
    assert names_on(client, roll, q="van AND an") == set()
    assert names_on(client, roll, q="van an*") == set()
    assert names_on(client, roll, q="NEAR(van an)") == set()
    assert names_on(client, roll, q="văn an") == {"Nguyễn Văn An"}


def test_a_text_found_in_many_names_is_searched_on_the_honours_own_indexes(client, roll, monkeypatch):
    from thidua_wagtail import search

    make_decision(honours=[individual("Nguyễn Văn An"), individual("Nguyễn Văn Bình"), individual("Lê Thị Hoa")])
    monkeypatch.setattr(search, "MOST_NAMES", 1)
    assert names_on(client, roll, q="nguyen van") == {"Nguyễn Văn An", "Nguyễn Văn Bình"}
    if connection.vendor == "sqlite":
        # Found in more names than that: the roll walked in order.
        many, _params = filter_by_name(Honour.objects.all(), "nguyen van").values("pk").query.sql_with_params()
        assert "LIKE" in many and "json_each" not in many
        monkeypatch.setattr(search, "MOST_NAMES", 2)
        # As many or fewer: their honours read by their keys.
        few, params = filter_by_name(Honour.objects.all(), "nguyen van").values("pk").query.sql_with_params()
        assert "IN (" in few and "LIKE" not in few
        assert sorted(params) == sorted(
            Honour.objects.filter(person_name__startswith="Nguyễn").values_list("pk", flat=True)
        )
        # Names held by more honours than the roll reads by their keys: the roll walked in order.
        monkeypatch.setattr(search, "MOST_MATCHES_BY_KEY", 1)
        many, _params = filter_by_name(Honour.objects.all(), "nguyen van").values("pk").query.sql_with_params()
        assert "LIKE" in many
    if connection.vendor == "postgresql":
        # More names than that: the honours' own indexes (the roll walked in order), as before the table of names.
        many, _params = filter_by_name(Honour.objects.all(), "nguyen van").values("pk").query.sql_with_params()
        assert "LIKE" in many and "IN (" not in many
        monkeypatch.setattr(search, "MOST_NAMES", 2)
        # A small register: the names as a table joined to the honours, which the planner hashes when it reads the
        # table whole (an array would be compared name by name with every row).
        few = filter_by_name(Honour.objects.all(), "nguyen van").values("pk").query.sql_with_params()
        assert "IN (SELECT unnest(string_to_array(%s, E'\\n')))" in few[0]
        # The names go to the database as one text, a name a line: psycopg quotes a list's strings one by one.
        assert [sorted(param.split("\n")) for param in few[1]] == [["nguyen van an", "nguyen van binh"]]
        # A large register (the planner's count at least NAMES_IN_ORDER_FROM): an array the planner does not weigh
        # name by name (a common text's hundreds of names cost it more than the search itself), each name's honours
        # read from the index of each name's honours in the roll's order. Migration 0004's trigram index of every
        # honour's name, which answers equality too and which the planner took on a small register (18.6 ms for 304
        # names at 1,000 honours), is gone since 0025.
        monkeypatch.setattr(search, "NAMES_IN_ORDER_FROM", -1)  # -1: the count of a table never analysed
        few = filter_by_name(Honour.objects.all(), "nguyen van").values("pk").query.sql_with_params()
        assert "= ANY((SELECT string_to_array(%s, E'\\n'))::text[])" in few[0]
        plan = explain(*few)
        assert NAME_LOOKUP.search(plan) and "thidua_honour_name_roll" in plan, plan


def test_a_name_search_finds_what_reading_every_name_finds_on_a_random_register(client, roll, monkeypatch, settings):
    """Whatever index serves it (the names' table, the honours' trigrams, FTS5, none), a search finds exactly the
    honours whose folded name contains the text, as a visitor counts them on the roll."""
    import random

    settings.THIDUA_CACHE = None
    from thidua_wagtail import search
    from thidua_wagtail.text import fold

    rng = random.Random(2026)
    parts = (
        ["Nguyễn", "Trần", "Lê", "Võ", "Đỗ-Hà"],
        ["Văn", "Thị", "Minh"],
        ["An", "Hoa", "Hoài", "Anh", "Sơn", "Tâm", "O'Neil"],
        ["", "", "", "(B)", "1990"],
    )
    names = [" ".join(rng.choice(part) for part in parts).strip() for _ in range(120)]
    make_decision(honours=[individual(name) for name in names])
    make_decision(number="2/QĐ-STP", status="proposed", honours=[individual("Nguyễn Văn An")])
    texts = ["nguyen van an", "Thị Hoa", "hoa", "an", "a", "van a", "uyen v", "le minh", "son", "tran thi hoai x"]
    # Punctuation and digits, which FTS5 reads inside a phrase as the text they are.
    texts += ["do-ha", "o'ne", "(b)", "199", "neil 1990", 'an "b']
    # A text that starts or ends inside a word, across two or three words (PostgreSQL reads these from the suffixes
    # of the names that begin at a word ending with its first word).
    texts += ["i hoai", "yen van a", "n thi h", "oai (b", "ran minh", "inh so", "thi h"]
    for most in (search.MOST_NAMES, 3):
        # The names' index for a text found in few names, the roll walked in order for one found in many.
        monkeypatch.setattr(search, "MOST_NAMES", most)
        monkeypatch.setattr(search, "MOST_MATCHES_BY_KEY", most)
        for text in texts:
            expected = sum(fold(text) in fold(name) for name in names)
            found = client.get(roll.url, {"q": text}).context["page_obj"].paginator.count
            assert found == expected, (text, most)


def test_a_text_in_two_words_of_one_name_hides_no_other_name(client, roll, monkeypatch, settings):
    """PostgreSQL reads a name once for each of its words that holds the text: those rows count towards the names a
    search reads before it calls a text common, and no name is left out for them."""
    from thidua_wagtail import search

    settings.THIDUA_CACHE = None
    people = ["Nguyễn Hạnh Thanh", "Lê Thanh An", "Trần Thanh Bình", "Võ Thanh Cường"]
    make_decision(honours=[individual(person) for person in people])
    monkeypatch.setattr(search, "MOST_NAMES", 3)
    monkeypatch.setattr(search, "MOST_MATCHES_BY_KEY", 3)
    assert names_on(client, roll, q="hanh") == set(people)
    monkeypatch.setattr(search, "MOST_NAMES", 4)
    monkeypatch.setattr(search, "MOST_MATCHES_BY_KEY", 4)
    assert names_on(client, roll, q="hanh") == set(people)
    assert names_on(client, roll, q="anh th") == {"Nguyễn Hạnh Thanh"}


def test_a_search_found_in_a_few_names_lists_them_by_name_and_a_common_text_newest_first(
    client, roll, monkeypatch, settings
):
    from thidua_wagtail import search
    from thidua_wagtail.filters import ROLL_ORDER

    older = make_decision(number="1/QĐ-STP", date=datetime.date(2021, 5, 1))
    newer = make_decision(number="2/QĐ-STP", date=datetime.date(2024, 5, 1))
    for decision, people in ((older, ["Trần Văn Anh", "Nguyễn Văn An"]), (newer, ["Nguyễn Văn An", "Lê Văn Ân"])):
        for order, person in enumerate(people):
            Honour.objects.create(
                decision=decision,
                recipient_kind="individual",
                person_name=person,
                award=AwardType.objects.get(code="lao-dong-tien-tien", locale__language_code="vi"),
                sort_order=order,
            )

    settings.THIDUA_CACHE = None  # the same page answered twice, with and without the index of names

    def listed(**params):
        response = client.get(roll.url, params)
        rows = [(row["person_name"], row["decision__number"]) for row in response.context["honours"]]
        return rows, text_of(response)

    # By name (diacritics ignored: "Lê Văn Ân" is "le van an"), each name's honours newest first; said on the page.
    rows, text = listed(q="van an")
    assert rows == [
        ("Lê Văn Ân", "2/QĐ-STP"),
        ("Nguyễn Văn An", "2/QĐ-STP"),
        ("Nguyễn Văn An", "1/QĐ-STP"),
        ("Trần Văn Anh", "1/QĐ-STP"),
    ]
    assert "Kết quả được xếp theo tên; các lượt khen thưởng của mỗi tên xếp từ mới đến cũ." in text
    # The download of that search is in the order of the page.
    export = client.get(roll.url + "export/csv/", {"q": "van an"})
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()[1:]
    assert [line.split(",")[0] for line in lines] == [name for name, _number in rows]
    # A text found in more names than the index of names is asked for lists the honours as the roll does.
    monkeypatch.setattr(search, "MOST_NAMES", 2)
    rows, text = listed(q="van an")
    expected = Honour.objects.filter(search_name__contains="van an").order_by(*ROLL_ORDER)
    assert rows == [(honour.person_name, honour.decision.number) for honour in expected]
    assert rows[0][1] == "2/QĐ-STP" and rows[-1][1] == "1/QĐ-STP"
    assert "Kết quả được xếp theo tên" not in text


def test_the_name_index_follows_raw_writes_and_a_rebuild_forgets_names_no_honour_holds(client, roll):
    from django.core.management import call_command

    from thidua_wagtail.search import NAMES_TABLE, refresh_name_statistics

    decision = make_decision(honours=[individual("Nguyễn Văn An")])
    columns = [field.column for field in Honour._meta.concrete_fields if not field.primary_key]
    copied = {"person_name": "'Đỗ Thu Hà'", "search_name": "'do thu ha'", "sort_order": "1"}
    with connection.cursor() as cursor:
        # As another program, or a data migration, might write: straight into the table.
        cursor.execute(
            f"INSERT INTO thidua_wagtail_honour ({', '.join(columns)}) "
            f"SELECT {', '.join(copied.get(column, column) for column in columns)} "
            "FROM thidua_wagtail_honour WHERE decision_id = %s",
            [decision.pk],
        )
    assert names_on(client, roll, q="thu ha") == {"Đỗ Thu Hà"}
    Honour.objects.filter(person_name="Nguyễn Văn An").delete()
    assert names_on(client, roll, q="nguyen van") == set()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT search_name FROM {NAMES_TABLE} ORDER BY search_name")
        assert [name for (name,) in cursor.fetchall()] == ["do thu ha", "nguyen van an"]
    call_command("thidua_rebuild_name_index", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT search_name FROM {NAMES_TABLE} ORDER BY search_name")
        assert [name for (name,) in cursor.fetchall()] == ["do thu ha"]
    assert names_on(client, roll, q="do thu") == {"Đỗ Thu Hà"}
    if connection.vendor == "postgresql":
        # The planner is told how many different names the register holds: here, one name for one honour.
        assert refresh_name_statistics(connection, least=1) == 1.0
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attoptions FROM pg_attribute WHERE attrelid = 'thidua_wagtail_honour'::regclass "
                "AND attname = 'search_name'"
            )
            assert float(cursor.fetchone()[0][0].removeprefix("n_distinct=")) == -1
    else:
        assert refresh_name_statistics(connection, least=1) is None  # SQLite's FTS5 needs no such figure


def test_the_index_follows_new_renamed_and_deleted_honours(client, roll):
    decision = make_decision(honours=[individual("Nguyễn Văn An"), individual("Lê Thị Hoa")])
    assert names_on(client, roll, q="nguyen van an") == {"Nguyễn Văn An"}
    an = Honour.objects.get(person_name="Nguyễn Văn An")
    an.person_name = "Nguyễn Văn Ánh"
    an.save()
    assert names_on(client, roll, q="van anh") == {"Nguyễn Văn Ánh"}
    assert names_on(client, roll, q="thi hoa") == {"Lê Thị Hoa"}
    Honour.objects.get(person_name="Lê Thị Hoa").delete()
    assert names_on(client, roll, q="thi hoa") == set()
    # Rows written in bulk, as the import writes them, are found as well.
    bulk = Honour(decision=decision, recipient_kind="individual", person_name="Phạm Minh Tâm", sort_order=9)
    bulk.award = AwardType.objects.get(code="lao-dong-tien-tien")
    bulk.fill_copies(decision)
    Honour.objects.bulk_create([bulk])
    assert names_on(client, roll, q="pham minh") == {"Phạm Minh Tâm"}


def test_short_and_non_latin_searches_find_what_contains_finds(client, roll):
    make_decision(honours=[individual("Søren Ølsen"), individual("Иван Петров"), individual("Nguyễn Văn An")])
    assert names_on(client, roll, q="øl") == {"Søren Ølsen"}
    assert names_on(client, roll, q="ив") == {"Иван Петров"}
    assert names_on(client, roll, q="петров") == {"Иван Петров"}
    assert names_on(client, roll, q="an") == {"Nguyễn Văn An"}


def test_wildcards_in_a_search_are_plain_characters(client, roll):
    make_decision(honours=[individual("Nguyễn Văn An"), individual("Trần Thị Bình")])
    assert names_on(client, roll, q="%") == set()
    assert names_on(client, roll, q="_") == set()
    assert names_on(client, roll, q="n%n") == set()


def test_rows_changed_behind_the_index_s_back_are_still_found_rightly(client, roll):
    make_decision(honours=[individual("Nguyễn Văn An")])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # What a later migration that rebuilds the honours table leaves behind: no triggers.
            cursor.execute("DROP TRIGGER thidua_wagtail_honour_name_update")
        else:
            # A bulk load with the triggers disabled: the names it writes never reach the table of names.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE thidua_wagtail_honour DISABLE TRIGGER thidua_honour_names_update")
    Honour.objects.update(person_name="Võ Thanh Tâm", search_name="vo thanh tam")
    assert names_on(client, roll, q="thanh tam") == {"Võ Thanh Tâm"}
    assert names_on(client, roll, q="nguyen") == set()
    # Rather than trust a stale index, the search reads the table (SQLite), or the honours' own index (PostgreSQL).
    assert "thidua_wagtail_honour_names" not in " ".join(name_search_sql(roll, client, everything=True))


def test_a_later_migration_may_alter_the_folded_name_and_the_search_stays_indexed(client, roll):
    from thidua_wagtail.search import name_index_missing, rebuild_name_index

    make_decision(honours=[individual("Nguyễn Văn An")])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The triggers name no column, so PostgreSQL lets a migration change the column's type.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE thidua_wagtail_honour ALTER COLUMN search_name TYPE varchar(300)")
        else:
            # SQLite rebuilds the table, which drops the triggers; the migration then restores them.
            cursor.execute("DROP TRIGGER thidua_wagtail_honour_name_insert")
            rebuild_name_index(connection)
    assert not name_index_missing(connection)
    make_decision(number="2/QĐ-STP", honours=[individual("Lê Thị Hoa " + "rất dài " * 20)])
    assert names_on(client, roll, q="le thi hoa rat dai") == {"Lê Thị Hoa " + "rất dài " * 20}
    assert NAME_TABLES.search(" ".join(name_search_sql(roll, client, everything=True)))


# Namesakes in an import ------------------------------------------------------------------------


def test_an_import_takes_the_unit_that_existed_on_the_decision_date(editor):
    old = make_unit("Phòng Tư pháp huyện Cao Lãnh", valid_until=datetime.date(2019, 12, 31))
    current = make_unit("Phòng Tư pháp huyện Cao Lãnh", valid_from=datetime.date(2020, 1, 1))
    decision = make_decision(number="3/QĐ-STP", date=datetime.date(2022, 5, 10))
    row = ["Tập thể", "", "", "Phòng Tư pháp huyện Cao Lãnh", "Tập thể lao động tiên tiến", "", ""]
    assert upload(editor, decision, xlsx_file([row])).status_code == 302
    assert decision.honours.get().unit == current
    earlier = make_decision(number="4/QĐ-STP", date=datetime.date(2018, 5, 10))
    assert upload(editor, earlier, xlsx_file([row])).status_code == 302
    assert earlier.honours.get().unit == old


def test_two_units_of_one_name_are_put_back_to_the_editor(editor):
    make_unit("Văn phòng Sở")
    make_unit("Văn phòng Sở")
    decision = make_decision(number="5/QĐ-STP")
    row = ["Cá nhân", "Lê Văn Tám", "", "Văn phòng Sở", "Lao động tiên tiến"]
    response = upload(editor, decision, xlsx_file([row]))
    assert response.status_code == 200
    [error] = response.context["row_errors"]
    assert (error.row, error.column) == (2, "Đơn vị")
    assert "Có nhiều đơn vị cùng tên “Văn phòng Sở”" in error.message
    assert not decision.honours.exists()


def test_an_award_named_by_its_code_or_name_is_the_one_in_force(editor):
    decision = make_decision(number="6/QĐ-STP")
    rows = [
        ["Cá nhân", "Lê Văn Tám", "", "", "Lao động tiên tiến"],
        ["Cá nhân", "Lê Văn Chín", "", "", "giay-khen"],
    ]
    assert upload(editor, decision, xlsx_file(rows)).status_code == 302
    assert sorted(decision.honours.values_list("award__code", flat=True)) == ["giay-khen", "lao-dong-tien-tien"]


# Local award types -----------------------------------------------------------------------------

LOCAL = {
    "category": "form",
    "group": "certificate",
    "recipients": ["individual"],
    "authorities": ["department"],
    "legal_basis": "",
    "order": 900,
}


def test_a_local_award_type_cannot_take_a_catalogue_name_or_code(editor):
    add = reverse("wagtailsnippets_thidua_wagtail_awardtype:add")
    response = editor.post(add, {**LOCAL, "name": "LAO ĐỘNG TIÊN TIẾN", "code": "ldtt-so"})
    assert response.status_code == 200
    assert "Danh mục theo quy định đã có mục cùng tên" in str(response.context["form"].errors["name"])
    response = editor.post(add, {**LOCAL, "name": "Giấy khen riêng", "code": "giay-khen"})
    assert "Mã này dành cho danh mục theo quy định" in str(response.context["form"].errors["code"])
    assert not AwardType.objects.filter(is_statutory=False).exists()


def test_copying_a_catalogue_entry_asks_for_a_name_of_its_own(editor):
    entry = AwardType.objects.get(code="giay-khen")
    copy = reverse("wagtailsnippets_thidua_wagtail_awardtype:copy", args=(entry.pk,))
    form = editor.get(copy).context["form"]
    data = {**LOCAL, "name": form.initial["name"], "code": "giay-khen-ban-sao"}
    response = editor.post(reverse("wagtailsnippets_thidua_wagtail_awardtype:add"), data)
    assert response.status_code == 200 and "name" in response.context["form"].errors
    assert AwardType.objects.filter(name=entry.name).count() == 1
    renamed = {**data, "name": "Giấy khen của Chi cục"}
    assert editor.post(reverse("wagtailsnippets_thidua_wagtail_awardtype:add"), renamed).status_code == 302


# The import's line in the decision's history ---------------------------------------------------


def test_an_import_is_written_in_the_decision_s_history(editor):
    make_unit("Phòng Hành chính tư pháp")
    decision = make_decision(number="7/QĐ-STP")
    rows = [["Cá nhân", "Lê Văn Tám", "", "Phòng Hành chính tư pháp", "Lao động tiên tiến"]]
    assert upload(editor, decision, xlsx_file(rows, name="qd-7.xlsx")).status_code == 302
    history = editor.get(reverse("wagtailsnippets_thidua_wagtail_decision:history", args=(decision.pk,)))
    assert "Đã nhập 1 lượt khen thưởng từ “qd-7.xlsx”" in text_of(history)


# The XLSX limit --------------------------------------------------------------------------------


def test_a_roll_too_long_for_xlsx_offers_csv_and_says_why(client, roll, settings):
    settings.THIDUA_XLSX_MAX_ROWS = 2
    make_decision(honours=[individual("Nguyễn Văn An"), individual("Lê Thị Hoa"), individual("Trần Văn Ba")])
    page = client.get(roll.url)
    assert "export/xlsx/" not in page.content.decode()
    assert "XLSX chứa tối đa 2 khen thưởng" in text_of(page)
    refused = client.get(roll.url + "export/xlsx/")
    assert refused.status_code == 400 and "CSV" in refused.content.decode()
    assert client.get(roll.url + "export/csv/").status_code == 200
    # Narrowed below the limit, the XLSX is offered and sent.
    assert "export/xlsx/?q=hoa" in client.get(roll.url, {"q": "hoa"}).content.decode()
    assert client.get(roll.url + "export/xlsx/", {"q": "hoa"}).status_code == 200


def test_a_lost_name_index_is_reported_and_rebuilt_by_a_command(client, roll):
    import io

    from django.core.management import call_command

    from thidua_wagtail.checks import check_name_index

    make_decision(honours=[individual("Nguyễn Văn An")])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER thidua_wagtail_honour_name_insert")
        else:
            # As a data-only restore leaves it when told to disable triggers (the deferred foreign-key checks of the
            # test's transaction first, which ALTER TABLE refuses to run past).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE thidua_wagtail_honour DISABLE TRIGGER thidua_honour_names_insert")
    assert [w.id for w in check_name_index(databases=["default"])] == ["thidua_wagtail.W001"]
    make_decision(number="2/QĐ-STP", honours=[individual("Lê Thị Hoa")])
    if connection.vendor == "postgresql":
        # The test's own transaction holds deferred foreign-key checks, which CREATE INDEX refuses to
        # run past; the command, run on its own, has none.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    out = io.StringIO()
    call_command("thidua_rebuild_name_index", stdout=out)
    assert "rebuilt" in out.getvalue()
    assert check_name_index(databases=["default"]) == []
    # Rows written while the index was lost are in it now.
    assert names_on(client, roll, q="le thi hoa") == {"Lê Thị Hoa"}
    if connection.vendor == "sqlite":
        assert NAME_TABLES.search(" ".join(name_search_sql(roll, client, everything=True)))
