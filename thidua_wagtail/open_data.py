"""The honours register as open data: the whole register of awarded honours as CSV and JSON, its data dictionary in
Vietnamese and English, and a DCAT description (JSON-LD) that an open-data portal harvests.

Served under the honour roll page (``open-data/…``). Only the public facts of the roll are published, the same
columns in both formats, with machine-stable names (the dictionary says what each holds, in both languages). The CSV
neutralises spreadsheet formulas as the roll's downloads do (the JSON keeps values as entered: no spreadsheet reads
JSON as formulas); both are streamed, whatever the register's size.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .conf import thidua_settings
from .decisions import public_decisions
from .filters import roll_queryset
from .models import DecisionStatus, Honour
from .models.base import local_today
from .spreadsheets import stream_csv

__all__ = ["FIELDS", "dataset_response", "dcat_response", "dictionary_response"]

#: The dataset's columns: (name, type, description). The names never change; the descriptions are translated.
FIELDS = [
    ("id", "integer", _("The honour's number in the register; it never changes.")),
    ("recipient_kind", "string", _("Who was honoured: “individual”, “collective” or “household”.")),
    ("name", "string", _("The full name of the individual, or the name of the collective.")),
    ("position", "string", _("The individual's position at the time of the decision.")),
    ("unit", "string", _("The unit of the individual, under the name it had at the time of the decision.")),
    ("award", "string", _("The emulation title or award form, as the legal catalogue names it.")),
    ("award_code", "string", _("The stable code of the award in the package's legal catalogue.")),
    ("achievement", "string", _("The achievement the decision records, if any.")),
    ("posthumous", "boolean", _("Whether the honour was awarded posthumously.")),
    ("decision_number", "string", _("The number and symbol of the decision, e.g. “123/QĐ-STP”.")),
    ("decision_date", "date", _("The date the decision was signed (YYYY-MM-DD).")),
    ("awarding_level", "string", _("The level that signed the decision, e.g. “department”, “province”.")),
    ("commendation_type", "string", _("The type of commendation (Law 06/2022/QH15, Art. 8), e.g. “merit”.")),
    ("decision_url", "string", _("The address of the decision's public page.")),
]


def _rows(page, request):
    """The awarded honours as tuples in the order of :data:`FIELDS`, streamed from the database."""
    base = page.get_full_url(request) + page.reverse_subpage("decisions")
    # The award in the site's default language: a dataset's values do not change with the reader's language.
    with translation.override(None):
        honours = roll_queryset(Honour.objects.filter(decision_status=DecisionStatus.AWARDED)).values_list(
            "pk",
            "recipient_kind",
            "person_name",
            "position",
            "unit_label",
            "award_name",
            "award__code",
            "achievement",
            "posthumous",
            "decision__number",
            "decision_date",
            "decision_authority",
            "decision_commendation_type",
            "decision_id",
        )
    for row in honours.iterator(chunk_size=2000):
        (pk, kind, person, position, unit, award, code, achievement, posthumous, number, day, level, kind_of, dec) = row
        collective = kind == "collective"
        yield (
            pk,
            kind,
            unit if collective else person,
            position,
            "" if collective else unit,
            award,
            code,
            achievement,
            posthumous,
            number,
            day.isoformat() if day else "",
            level,
            kind_of,
            f"{base}{dec}/",
        )


def _csv_value(value):
    return ("true" if value else "false") if isinstance(value, bool) else value


def dataset_response(page, request, fmt):
    """The whole register of awarded honours as ``csv`` or ``json``."""
    filename = f"{page.slug}-open-data-{local_today():%Y-%m-%d}"
    names = [name for name, _type, _description in FIELDS]
    if fmt == "csv":
        # Booleans as the JSON writes them; every text cell neutralised by stream_csv.
        rows = ([_csv_value(value) for value in row] for row in _rows(page, request))
        return stream_csv(names, rows, filename)

    def chunks():
        yield "["
        for i, row in enumerate(_rows(page, request)):
            yield ("," if i else "") + "\n" + json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response


def dictionary_rows():
    """(name, type, Vietnamese description, English description) of every column."""
    rows = []
    for name, kind, description in FIELDS:
        with translation.override("vi"):
            vietnamese = str(description)
        with translation.override("en"):
            english = str(description)
        rows.append((name, kind, vietnamese, english))
    return rows


def dictionary_response(page, request, fmt):
    """The data dictionary, in Vietnamese and English, as ``csv`` or ``json``."""
    headings = ["field", "type", "description_vi", "description_en"]
    if fmt == "csv":
        return stream_csv(headings, dictionary_rows(), f"{page.slug}-open-data-dictionary")
    body = json.dumps(
        [dict(zip(headings, row, strict=True)) for row in dictionary_rows()], ensure_ascii=False, indent=2
    )
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def dcat_response(page, request):
    """The dataset's DCAT description (JSON-LD, DCAT 2 with DCAT-AP's usual properties) for open-data portals."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    base = page.get_full_url(request)

    def url(name, *args):
        return base + page.reverse_subpage(name, args=args)

    modified = public_decisions().aggregate(latest=Max("date"))["latest"]
    title, description = {}, {}
    for language in ("vi", "en"):
        with translation.override(language):
            title[language] = str(_("Honours awarded: %(title)s")) % {"title": page.title}
            description[language] = str(
                _(
                    "Every honour awarded by the commendation decisions the portal publishes: who was honoured, with "
                    "which award, by which decision. Public facts only; revoked honours are left out."
                )
            )
    publisher = {"@type": "foaf:Organization", "foaf:name": site.site_name if site and site.site_name else page.title}
    distributions = []
    for fmt, media in (("csv", "text/csv"), ("json", "application/json")):
        distributions.append(
            {
                "@type": "dcat:Distribution",
                "dct:title": fmt.upper(),
                "dcat:downloadURL": {"@id": url("open_data", fmt)},
                "dcat:accessURL": {"@id": url("open_data", fmt)},
                "dcat:mediaType": media,
                "dct:format": fmt.upper(),
                "dct:conformsTo": {"@id": url("open_data_dictionary", fmt)},
            }
        )
    dataset = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": url("open_data_dcat"),
        "@type": "dcat:Dataset",
        "dct:identifier": url("open_data_dcat"),
        "dct:title": [{"@language": k, "@value": v} for k, v in title.items()],
        "dct:description": [{"@language": k, "@value": v} for k, v in description.items()],
        "dct:publisher": publisher,
        "dct:language": [{"@id": "http://id.loc.gov/vocabulary/iso639-1/vi"}],
        "dcat:keyword": ["thi đua", "khen thưởng", "commendation", "honours"],
        "dcat:landingPage": {"@id": base},
        "dct:spatial": "VN",
        "dcat:distribution": distributions,
    }
    if modified:
        dataset["dct:modified"] = {"@value": modified.isoformat(), "@type": "xsd:date"}
    if thidua_settings.OPEN_DATA_LICENSE:
        for distribution in distributions:
            distribution["dct:license"] = {"@id": thidua_settings.OPEN_DATA_LICENSE}
    body = json.dumps(dataset, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")
