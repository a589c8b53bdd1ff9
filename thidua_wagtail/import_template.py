"""The downloadable XLSX template of an honours import: headings, drop-down lists and instructions.

It has no example row: a row of sample data left in a filled-in template would be imported
as a real person.
"""

from __future__ import annotations

import tempfile

from django.http import FileResponse
from django.utils.translation import gettext as _

from .spreadsheets import IMPORT_COLUMNS, MAX_ROWS, XLSX_TYPE

__all__ = ["KIND_LABELS", "import_template_response"]

#: What the kind column accepts, as the drop-down list offers it.
KIND_LABELS = ("Cá nhân", "Tập thể", "Hộ gia đình")
#: Column widths, in characters, by column key.
WIDTHS = {"kind": 14, "name": 30, "position": 26, "unit": 40, "award": 46, "achievement": 50, "posthumous": 11}


def import_template_response(award_names, filename="mau-danh-sach-khen-thuong"):
    """The template as a download; ``award_names`` fill the award column's drop-down list."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Khen thưởng"
    lists = workbook.create_sheet("Danh mục")
    guide = workbook.create_sheet("Hướng dẫn")

    sheet.append([column.headings[0] for column in IMPORT_COLUMNS])
    for index, column in enumerate(IMPORT_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column.key, 20)
    # The headings stay in view however far down the editor scrolls.
    sheet.freeze_panes = "A2"

    lists.append(["Danh hiệu, hình thức khen thưởng", "Loại"])
    for row, name in enumerate(award_names, start=2):
        lists.cell(row=row, column=1, value=name)
    for row, label in enumerate(KIND_LABELS, start=2):
        lists.cell(row=row, column=2, value=label)
    lists.column_dimensions["A"].width = 60
    lists.sheet_state = "hidden"

    last = MAX_ROWS + 1
    column_of = {column.key: get_column_letter(i) for i, column in enumerate(IMPORT_COLUMNS, start=1)}
    for key, source, prompt in (
        ("kind", f"='Danh mục'!$B$2:$B${len(KIND_LABELS) + 1}", _("Choose “Cá nhân”, “Tập thể” or “Hộ gia đình”.")),
        (
            "award",
            f"='Danh mục'!$A$2:$A${max(len(award_names), 1) + 1}",
            _("Choose the award from the list, as it is named in the catalogue."),
        ),
    ):
        validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True)
        validation.error = prompt
        validation.errorTitle = _("Not in the list")
        validation.prompt = prompt
        validation.showInputMessage = True
        sheet.add_data_validation(validation)
        validation.add(f"{column_of[key]}2:{column_of[key]}{last}")

    for line in (
        _("One honour per row, below the headings of the sheet “Khen thưởng”."),
        _("Kind and award: choose from the drop-down lists."),
        _("Full name: for an individual or the head of a household, with diacritics, as written in the decision."),
        _("Unit: the collective honoured, or the unit of the individual, as named in the admin's list of units."),
        _("Posthumous: write “x” for an honour awarded posthumously."),
        _(
            "Never add birth dates, ID numbers, phone numbers or addresses: the import refuses a file "
            "that has such columns."
        ),
        _("Type values, not formulas: a cell with a formula is refused."),
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 110

    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    workbook.save(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE)
