"""Structured data (schema.org, as JSON-LD) of the package's pages, for search engines and harvesters: a plan with
its issuing body as a GovernmentOrganization, its reviews as Events, a decision with its recipients and their
awards, and a page of the honour roll as a list of them.

Only what the page itself shows goes in: the public facts of honours (name, unit, award), never more.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .models.choices import RecipientKind

__all__ = ["decision_data", "json_ld", "plan_data", "roll_data"]

CONTEXT = "https://schema.org"


def json_ld(data):
    """``data`` as a ``<script type="application/ld+json">``, escaped so that no value can close the script."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # The escapes of Django's json_script. Three replace() calls rather than its str.translate(): a page of the roll
    # carries 9 KB of Vietnamese text, which translate() walks character by character (0.4 ms, against 0.01 ms).
    # "&" first, as the other escapes hold none.
    text = text.replace("&", "\\u0026").replace("<", "\\u003C").replace(">", "\\u003E")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _organisation(name):
    return {"@type": "GovernmentOrganization", "name": name} if name else None


def _absolute(request, url):
    return request.build_absolute_uri(url) if request is not None and url else url


def review_event(review, plan, organiser, plan_url):
    """A review (sơ kết, tổng kết) as a schema.org Event: one day, at its place, organised by the plan's issuer."""
    event = {
        "@type": "Event",
        "@id": f"{plan_url}#review-{review.pk}",
        "name": f"{review.get_kind_display()}{': ' + review.name if review.name else ''} – {plan.title}",
        "startDate": review.date.isoformat(),
        "endDate": review.date.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": f"{plan_url}#review-{review.pk}",
    }
    # A place is required by an Event: where none is entered, the organising body's own.
    place = review.place or (organiser or {}).get("name")
    if place:
        event["location"] = {"@type": "Place", "name": place, "address": place}
    if organiser:
        event["organizer"] = organiser
    if review.description:
        event["description"] = review.description
    return event


def plan_data(plan, reviews, request=None):
    """A plan as a schema.org CreativeWork (an administrative document, "kế hoạch") issued by a
    GovernmentOrganization, with its reviews as Events about it."""
    url = _absolute(request, plan.get_url(request))
    issuer = _organisation(plan.issuer.name if plan.issuer_id else "")
    document = {
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "name": plan.title,
        "identifier": plan.number,
        "dateCreated": plan.issue_date.isoformat() if plan.issue_date else None,
        "temporalCoverage": f"{plan.start_year}/{plan.end_year}",
        "inLanguage": get_language(),
        "genre": "Kế hoạch",
    }
    if issuer:
        document["author"] = document["publisher"] = issuer
    if plan.summary:
        document["abstract"] = plan.summary
    events = [review_event(review, plan, issuer, url) for review in reviews]
    for event in events:
        event["about"] = {"@id": url}
    return {"@context": CONTEXT, "@graph": [{k: v for k, v in document.items() if v is not None}, *events]}


def _recipient(row):
    """A row of :func:`thidua_wagtail.filters.roll_queryset` as a Person or Organization with its ``award``."""
    if row["recipient_kind"] == RecipientKind.COLLECTIVE:
        return {"@type": "Organization", "name": row["unit_label"], "award": row["award_name"]}
    person = {"@type": "Person", "name": row["person_name"], "award": row["award_name"]}
    if row.get("unit_label"):
        person["affiliation"] = {"@type": "Organization", "name": row["unit_label"]}
    if row.get("position"):
        person["jobTitle"] = row["position"]
    return person


def decision_data(decision, honours, url, request=None):
    """A decision as a schema.org CreativeWork by a GovernmentOrganization, the recipients on the page it is shown
    on ``honours`` (rows of the roll) each with its ``award``."""
    url = _absolute(request, url)
    data = {
        "@context": CONTEXT,
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "name": f"{decision.number}",
        "identifier": decision.number,
        "dateCreated": decision.date.isoformat(),
        "genre": "Quyết định khen thưởng",
        "author": _organisation(decision.issuing_body),
        "inLanguage": get_language(),
        "mentions": [_recipient(row) for row in honours],
    }
    if decision.reason:
        data["abstract"] = decision.reason
    if decision.document_id and decision.document:
        data["associatedMedia"] = {"@type": "MediaObject", "contentUrl": _absolute(request, decision.document.url)}
    return data


def roll_data(page, honours, request=None, start=1):
    """A page of the honour roll as a schema.org ItemList of its recipients and their awards (``start``: the first
    one's position in the whole list)."""
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": page.title,
        "url": _absolute(request, page.get_url(request)),
        "itemListElement": [
            {"@type": "ListItem", "position": position, "item": _recipient(row)}
            for position, row in enumerate(honours, start=start)
        ],
    }
