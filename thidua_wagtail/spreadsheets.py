"""CSV and XLSX: the public roll's export and the import of a decision's honours.

Exports neutralise any cell a spreadsheet program would run as a formula.
Imports validate every row first and write nothing unless all rows pass.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.models import Locale

from .cache import bump_content_version
from .locales import one_per_key
from .text import fold

__all__ = [
    "IMPORT_COLUMNS",
    "ImportResult",
    "RowError",
    "SheetRows",
    "SpreadsheetError",
    "import_honours",
    "neutralise",
    "read_rows",
    "stream_csv",
    "template_rows",
    "xlsx_response",
]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix a text cell that a spreadsheet would read as a formula with an apostrophe (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def stream_csv(headings, rows, filename):
    """A streamed CSV download (UTF-8 with BOM, so Excel reads Vietnamese correctly)."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([neutralise(h) for h in headings])
        for row in rows:
            yield writer.writerow([neutralise(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.csv")
    return response


def xlsx_response(headings, rows, filename, sheet_title="Sheet1"):
    """An XLSX download written row by row (write-only mode) to a temporary file, then streamed."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])

    def cells(values):
        for value in values:
            cell = WriteOnlyCell(sheet, neutralise(value))
            if isinstance(cell.value, str):
                # openpyxl stores a text starting with "=" as a formula unless told otherwise.
                cell.data_type = "s"
            yield cell

    sheet.append(cells(headings))
    for row in rows:
        sheet.append(cells(row))
    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    workbook.save(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE)


class SpreadsheetError(Exception):
    """The uploaded file as a whole cannot be read."""


@dataclass(frozen=True)
class Column:
    key: str
    headings: tuple[str, ...]
    required: bool = False


#: Columns of the import template: the first heading is the template's, the others are accepted too.
IMPORT_COLUMNS = (
    Column("kind", ("Loại", "Kind", "Recipient"), required=True),
    Column("name", ("Họ và tên", "Full name", "Name")),
    Column("position", ("Chức vụ", "Position")),
    Column("unit", ("Đơn vị", "Unit")),
    Column("award", ("Danh hiệu, hình thức khen thưởng", "Award"), required=True),
    Column("achievement", ("Thành tích", "Achievement")),
    Column("posthumous", ("Truy tặng", "Posthumous")),
)

_KINDS = {
    "tap the": "collective",
    "collective": "collective",
    "ca nhan": "individual",
    "individual": "individual",
    "ho gia dinh": "household",
    "household": "household",
}
_YES = {"x", "co", "yes", "true", "1", "truy tang"}

#: Headings (folded) of columns that hold personal data, which the package never stores (Decree 13/2023 on
#: personal data protection): a file that has one is refused, so such data is not even read.
PERSONAL_DATA_HEADINGS = (
    "ngay sinh",
    "nam sinh",
    "ngay thang nam sinh",
    "sinh ngay",
    "date of birth",
    "birth",
    "cccd",
    "cmnd",
    "cmtnd",
    "can cuoc",
    "chung minh",
    "dinh danh",
    "ho chieu",
    "passport",
    "id number",
    "identity",
    "so dien thoai",
    "dien thoai",
    "sdt",
    "dtdd",
    "di dong",
    "phone",
    "mobile",
    "dia chi",
    "noi o",
    "cho o",
    "thuong tru",
    "tam tru",
    "que quan",
    "address",
    "email",
    "thu dien tu",
)


def _is_personal_data(heading: str) -> bool:
    words = f" {' '.join(''.join(c if c.isalnum() else ' ' for c in fold(heading)).split())} "
    return any(f" {marker} " in words for marker in PERSONAL_DATA_HEADINGS)


class SheetRows(list):
    """The rows of an uploaded sheet, [(row number, {column key: text})], and what was left out of them."""

    #: Headings of the file's columns that are not the template's, and so were not read.
    unknown_columns: list[str]

    def __init__(self, rows, unknown_columns=()):
        super().__init__(rows)
        self.unknown_columns = list(unknown_columns)


def template_rows():
    """Headings of the import template, and no row: an example row could be imported as a real person."""
    return [c.headings[0] for c in IMPORT_COLUMNS], []


#: Most rows one import may hold; a decision with more is imported in several files.
MAX_ROWS = 20_000
#: Most bytes the sheets of an XLSX may unpack to (an XLSX is a zip: a small file can unpack to gigabytes).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


def read_rows(upload, max_bytes, reader=None):
    """The rows of an uploaded CSV or XLSX file (:class:`SheetRows`).

    An XLSX is read by python-calamine, several times faster than openpyxl. A sheet that holds formulas is read by
    openpyxl (``reader="openpyxl"`` forces it), which gives them as written ("=A2&B2") rather than their last
    computed value: the import refuses them by name instead of taking an empty or stale value for a person's name.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise SpreadsheetError(
            _("The file is %(size)s MB; files up to %(max)s MB can be imported.")
            % {"size": round(size / 1048576, 1), "max": round(max_bytes / 1048576, 1)}
        )
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SpreadsheetError(_("The file is too large to import."))
    try:
        table = _xlsx_table(data, reader) if data[:4] == b"PK\x03\x04" else _csv_table(data)
    except SpreadsheetError:
        raise
    except Exception as error:
        raise SpreadsheetError(_("The file could not be read as a spreadsheet.")) from error
    rows = _keyed(table)
    if not rows:
        raise SpreadsheetError(_("The file has no rows below its column headings."))
    return rows


TOO_MANY_ROWS = _lazy("The file has more than %(max)s rows; split it into several files.")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(archive):
    """Whether a worksheet of the XLSX holds a formula (an ``<f>`` element), read from its XML."""
    for info in archive.infolist():
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            if _FORMULA.search(archive.read(info)):
                return True
    return False


def _xlsx_table(data, reader=None):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise SpreadsheetError(_("The file is not a readable XLSX spreadsheet."))
            formulas = reader != "calamine" and _has_formulas(archive)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SpreadsheetError(_("The file is not a readable XLSX spreadsheet.")) from error
    if reader == "openpyxl" or formulas:
        return _openpyxl_table(data)
    return _calamine_table(data)


def _cell_text(value):
    """A cell as text: whole numbers without ".0" (a calamine number is a float), dates as they read."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and not (value.hour or value.minute or value.second):
        return value.date().isoformat()
    return str(value)


def _calamine_table(data):
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
    except (CalamineError, IndexError, ValueError, OSError) as error:
        raise SpreadsheetError(_("The file is not a readable XLSX spreadsheet.")) from error
    if sheet.total_height > MAX_ROWS + 1:
        raise SpreadsheetError(
            _("The file has more than %(max)s rows; split it into several files.") % {"max": MAX_ROWS}
        )
    return [[_cell_text(value) for value in row] for row in sheet.to_python(skip_empty_area=False)]


def _openpyxl_table(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SpreadsheetError(_("The file is not a readable XLSX spreadsheet.")) from error
    if not workbook.worksheets:
        raise SpreadsheetError(_("The file is not a readable XLSX spreadsheet."))
    sheet = workbook.worksheets[0]
    # A stale <dimension> would make openpyxl stop early and drop rows silently.
    sheet.reset_dimensions()
    table = []
    for row in sheet.iter_rows(values_only=True):
        table.append(["" if v is None else str(v) for v in row])
        if len(table) > MAX_ROWS + 1:
            raise SpreadsheetError(
                _("The file has more than %(max)s rows; split it into several files.") % {"max": MAX_ROWS}
            )
    return table


def _csv_table(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(_("The file is neither an XLSX spreadsheet nor a CSV file in UTF-8.")) from error
    if "\x00" in text:
        raise SpreadsheetError(_("The file is neither an XLSX spreadsheet nor a CSV file in UTF-8."))
    lines = text.splitlines()
    if len(lines) > MAX_ROWS + 1:
        raise SpreadsheetError(
            _("The file has more than %(max)s rows; split it into several files.") % {"max": MAX_ROWS}
        )
    first = lines[0] if lines else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(lines, delimiter=delimiter))


def _keyed(table):
    if not table:
        raise SpreadsheetError(_("The file is empty."))
    personal = [h for h in table[0] if h and _is_personal_data(h)]
    if personal:
        raise SpreadsheetError(
            _(
                "The file has columns of personal data (%(columns)s). Birth dates, ID numbers, phone numbers and "
                "addresses are never stored nor published: remove these columns and import the file again."
            )
            % {"columns": ", ".join(personal)}
        )
    header = [fold(h) for h in table[0]]
    positions = {}
    for column in IMPORT_COLUMNS:
        for heading in column.headings:
            if fold(heading) in header:
                positions[column.key] = header.index(fold(heading))
                break
    used = set(positions.values())
    unknown = [heading for index, heading in enumerate(table[0]) if heading.strip() and index not in used]
    missing = [c.headings[0] for c in IMPORT_COLUMNS if c.required and c.key not in positions]
    if missing:
        raise SpreadsheetError(
            _("The first row must name the columns; missing: %(columns)s. Download the template to see them.")
            % {"columns": ", ".join(missing)}
        )
    rows = []
    for number, values in enumerate(table[1:], start=2):
        if not any((v or "").strip() for v in values):
            continue
        rows.append(
            (
                number,
                {
                    key: (values[index].strip() if index < len(values) and values[index] else "")
                    for key, index in positions.items()
                },
            )
        )
    return SheetRows(rows, unknown)


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    #: Rows imported as written that the editor should check (a name without diacritics, in lower case).
    warnings: list[RowError] = field(default_factory=list)


def _column_heading(key):
    return next(c.headings[0] for c in IMPORT_COLUMNS if c.key == key)


def _by_name(objects, preference, locale_id):
    """{folded name: [(rank, object)]}, best first; ``preference(object)`` gives the rank, lower wins.

    A unit or award and its translations are one thing: each is listed once under each of its
    names, as the row in ``locale_id`` (the decision's language) where there is one.
    """
    objects = list(objects)
    canonical = {obj.translation_key: obj for obj in one_per_key(objects, locale_id)}
    found = {}
    for obj in objects:
        candidates = found.setdefault(fold(obj.name), {})
        best = canonical[obj.translation_key]
        candidates[best.pk] = (preference(best), best)
    return {name: sorted(candidates.values(), key=lambda candidate: candidate[0]) for name, candidates in found.items()}


def _pick(found, name):
    """(object, None); (None, "missing"); or (None, [equally good candidates]) for an ambiguous name.

    The preference given to :func:`_by_name` settles most namesakes (an abolished unit and
    its successor of the same name, an entry of the old law and one of the new); only a tie
    between equally good candidates goes back to the editor.
    """
    candidates = found.get(fold(name), [])
    if not candidates:
        return None, "missing"
    best = [obj for rank, obj in candidates if rank == candidates[0][0]]
    return (best[0], None) if len(best) == 1 else (None, best)


def _name_warning(name):
    """Why a person's name may have been typed carelessly, or None: no diacritics, or not capitalised."""
    words = name.split()
    if not words:
        return None
    if name.isascii() and fold(name) == name.lower():
        return _("“%(name)s” is written without diacritics; check it against the decision.") % {"name": name}
    if any(word[0].islower() for word in words) or name.isupper():
        return _("“%(name)s” is not written with capitals as names are; check it against the decision.") % {
            "name": name
        }
    return None


#: How often an import in the background tells how far it has got.
PROGRESS_EVERY = 500


def import_honours(decision, rows, progress=None):
    """Validate every row, then create the new honours of ``decision`` in one transaction.

    A row already in the decision (same recipient and award) is skipped, so the
    same file imported twice adds nothing. Nothing is written if any row fails.
    ``progress(rows checked)``, where given, is called every few hundred rows.
    """
    from .models import AwardType, Honour, Unit
    from .models.bulk import insert_all
    from .models.rules import honour_problems

    day = decision.date
    # Names resolve to the entries in the site's default language, which honours keep.
    default_locale_id = Locale.get_default().pk
    units = _by_name(
        Unit.objects.only("pk", "name", "valid_from", "valid_until", "translation_key", "locale_id"),
        # A unit that existed on the decision's date wins over a namesake that did not.
        lambda unit: not unit.existed_on(day),
        default_locale_id,
    )
    awards = _by_name(
        AwardType.objects.all(),
        # The entry in force on the decision's date, then the legal catalogue's over a local one.
        lambda award: (not award.is_valid_on(day), not award.is_statutory),
        default_locale_id,
    )
    codes = {award.code: award for candidates in awards.values() for _rank, award in candidates}
    # A file names a handful of units and awards over thousands of rows, and every row of one kind, unit
    # and award meets the same rules: each is looked up and checked once.
    pick_unit = functools.cache(functools.partial(_pick, units))
    pick_award = functools.cache(functools.partial(_pick, awards))
    checked_rules = {}
    result = ImportResult()
    seen_rows = {}
    new = []
    for checked, (number, values) in enumerate(rows, start=1):
        if progress is not None and checked % PROGRESS_EVERY == 0:
            progress(checked)
        formulas = [key for key, value in values.items() if value.startswith("=")]
        if formulas:
            for key in formulas:
                result.errors.append(
                    RowError(
                        number,
                        _column_heading(key),
                        _("The cell holds a formula (%(formula)s), not a value; write the value itself.")
                        % {"formula": values[key][:60]},
                    )
                )
            continue
        kind = _KINDS.get(fold(values.get("kind", "")))
        if kind is None:
            result.errors.append(
                RowError(number, _column_heading("kind"), _("Write “Tập thể”, “Cá nhân” or “Hộ gia đình”."))
            )
            continue
        unit, unit_text = None, ""
        if values.get("unit"):
            unit, problem = pick_unit(values["unit"])
            if problem == "missing":
                # Not one of the portal's units (a collective of another agency): kept as written.
                unit_text = " ".join(values["unit"].split())
                if len(unit_text) > 255:
                    result.errors.append(RowError(number, _column_heading("unit"), _("At most 255 characters.")))
                    continue
                unit_warning = _(
                    "“%(name)s” is not in the list of units; it was kept as written, without a link to a unit."
                ) % {"name": unit_text}
            elif problem:
                message = _(
                    "Several units are named “%(name)s”; "
                    "give them distinct names in the list of units, then import again."
                )
                result.errors.append(RowError(number, _column_heading("unit"), message % {"name": values["unit"]}))
                continue
        award = codes.get(values.get("award", ""))
        if award is None:
            award, problem = pick_award(values.get("award", ""))
            if problem:
                if problem == "missing":
                    message = _("“%(name)s” is not in the award catalogue.") % {"name": values.get("award", "")}
                else:
                    message = _(
                        "“%(name)s” names several entries of the award catalogue; write its code instead: %(codes)s."
                    ) % {
                        "name": values.get("award", ""),
                        "codes": ", ".join(candidate.code for candidate in problem),
                    }
                result.errors.append(RowError(number, _column_heading("award"), message))
                continue
        person_name = values.get("name", "")
        too_long = [key for key in ("name", "position") if len(values.get(key, "")) > 255]
        if too_long:
            for key in too_long:
                result.errors.append(RowError(number, _column_heading(key), _("At most 255 characters.")))
            continue
        rules_key = (award.pk, kind, unit is None, bool(person_name.strip()), bool(unit_text.strip()))
        if rules_key not in checked_rules:
            checked_rules[rules_key] = honour_problems(
                award, kind, unit, person_name, decision.authority, decision.date, unit_text=unit_text
            )
        problems = checked_rules[rules_key]
        if problems:
            field_to_column = {"unit": "unit", "person_name": "name", "award": "award"}
            for message, field_name in problems:
                result.errors.append(RowError(number, _column_heading(field_to_column[field_name]), str(message)))
            continue
        honour = Honour(
            decision=decision,
            recipient_kind=kind,
            person_name=person_name if kind != "collective" else "",
            position=values.get("position", ""),
            unit=unit,
            unit_text=unit_text,
            unit_name=unit.name if unit else unit_text,
            award=award,
            achievement=values.get("achievement", ""),
            posthumous=fold(values.get("posthumous", "")) in _YES,
        )
        # Inserted without save(): the copied fields are filled here, without a query per row; the
        # recipient's key, which tells a row repeated in the file, is read from them.
        honour.fill_copies(decision, default_locale_id)
        key = honour.recipient_key()
        if key in seen_rows:
            result.errors.append(
                RowError(number, _column_heading("name"), _("Same honour as row %(row)s.") % {"row": seen_rows[key]})
            )
            continue
        seen_rows[key] = number
        if unit_text:
            result.warnings.append(RowError(number, _column_heading("unit"), unit_warning))
        if kind != "collective":
            warning = _name_warning(person_name)
            if warning:
                result.warnings.append(RowError(number, _column_heading("name"), warning))
        new.append(honour)
    if result.errors:
        return result
    start = (decision.honours.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
    for offset, honour in enumerate(new):
        honour.sort_order = start + offset
    with transaction.atomic():
        # Two uploads of the same file at once: the second waits, then finds the rows already there.
        type(decision).objects.select_for_update().filter(pk=decision.pk).first()
        already = {
            (h.recipient_kind, h.unit_id, h.search_name, h.award_id)
            for h in decision.honours.only("recipient_kind", "unit_id", "search_name", "award_id")
        }
        fresh = [h for h in new if h.recipient_key() not in already]
        result.skipped += len(new) - len(fresh)
        new = fresh
        insert_all(Honour, new)
        if new:
            from .models.counts import refresh_counts

            # The rows were inserted without save(): the decision's counts, and the cache, are told here.
            refresh_counts([decision.pk])
            bump_content_version()
    result.created = len(new)
    return result
