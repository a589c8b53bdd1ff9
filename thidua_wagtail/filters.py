"""The visitor's filter form of the public honour roll: everything a visitor sends is validated here."""

from __future__ import annotations

import datetime
from bisect import bisect_right

from django import forms
from django.db import connection, connections
from django.db.models import BooleanField, F, OuterRef, Subquery, Sum, Value
from django.db.models.expressions import RawSQL
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .cache import cached_value, is_enabled
from .compiled import CompiledQuery
from .locales import content_language, default_content_language, translated_value
from .models import (
    Authority,
    AwardType,
    CommendationType,
    Decision,
    DecisionHonourCount,
    DecisionStatus,
    Honour,
    HonourCount,
    MovementPage,
    RecipientKind,
    Unit,
    UnitHonourCount,
)
from .models.base import public_pages_q
from .models.honours import number_key
from .models.units import predecessors_of
from .search import search_by_name
from .text import name_sort_key

__all__ = ["NAME_SEARCH_ORDER", "ROLL_ORDER", "HonourRollFilterForm", "roll_queryset"]

#: The filters the kept honour counts answer (:mod:`thidua_wagtail.models.counts`); the others need the honours.
COUNTED_FILTERS = frozenset({"year_from", "year_to", "award", "authority", "kind", "commendation_type"})
#: The filters the counts kept per unit answer, a unit among them.
UNIT_COUNTED_FILTERS = frozenset({"unit", "with_predecessors", "year_from", "year_to"})

# The roll's stable order: newest decisions first, a decision's honours in their own order.
# It is the order of the index ``thidua_honour_roll``, which serves it.
ROLL_ORDER = ("-decision_date", "-decision_id", "sort_order", "pk")
#: A search found in a few names lists their honours by name (folded: "Nguyễn Văn An" before "Nguyễn Văn Anh"), then
#: as the roll: each person's honours together, newest first. It is also the order of each name's index
#: (``Honour.Meta``), so such a search reads the honours it shows and no more, however many the register holds. A text
#: common to many names ("nguyen", "an") lists its honours as the roll does (``search.search_by_name``).
NAME_SEARCH_ORDER = ("search_name", *ROLL_ORDER)


class NormalisedChoices(BaseChoiceIterator):
    """Choices already as Django's form fields keep them, (value, label) pairs: given to a field, they are not
    normalised again pair by pair, by the field and then by its widget. The roll lists every unit and award on every
    visit, and that normalising cost more than rendering the lists."""

    def __init__(self, choices):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)


def render_options(choices):
    """The ``<option>`` elements of ``choices``, none selected (escaped once each: the lists are long)."""
    from html import escape

    return mark_safe(
        "".join(f'<option value="{escape(str(value))}">{escape(str(label))}</option>' for value, label in choices)
    )


class QuickSelect(forms.Select):
    """A select rendered in Python: the roll's filters list every unit and award, and Django's
    template-per-option rendering would cost more than the whole list of honours.

    ``options_html``, when set, is the options already rendered (by :func:`render_options`, kept in
    the package's cache with the choices); only the selected one is then marked here.
    """

    options_html = None

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        selected = "" if value is None else str(value)
        options = self.options_html if self.options_html is not None else render_options(self.choices)
        if selected:
            option = format_html('<option value="{}">', selected)
            options = mark_safe(options.replace(option, f"{option[:-1]} selected>", 1))
        attributes = format_html_join("", ' {}="{}"', sorted(attrs.items()))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)


def clear_errors(form):
    """Give a public filter form's fields messages a visitor understands, in place of Django's generic ones."""
    for form_field in form.fields.values():
        if isinstance(form_field, forms.IntegerField):
            form_field.error_messages["invalid"] = _("Enter a year in digits, e.g. 2024.")
        if isinstance(form_field, forms.ChoiceField):
            form_field.error_messages["invalid_choice"] = _("This is not one of the choices: choose one from the list.")


class HonourRollFilterForm(forms.Form):
    """Filters of the honour roll; invalid values are reported and ignored, never passed to the database."""

    q = forms.CharField(label=pgettext_lazy("honour roll", "Name"), max_length=100, required=False)
    year_from = forms.IntegerField(label=_("From year"), min_value=1945, max_value=2200, required=False)
    year_to = forms.IntegerField(label=_("To year"), min_value=1945, max_value=2200, required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, empty_value=None, required=False, widget=QuickSelect)
    with_predecessors = forms.BooleanField(
        label=_("with the units it came from (renamed, merged)"),
        required=False,
    )
    award = forms.TypedChoiceField(label=_("Award"), coerce=int, empty_value=None, required=False, widget=QuickSelect)
    authority = forms.ChoiceField(
        label=_("Awarded by"), choices=[("", "—"), *Authority.choices], required=False, widget=QuickSelect
    )
    kind = forms.ChoiceField(
        label=_("Recipient"), choices=[("", "—"), *RecipientKind.choices], required=False, widget=QuickSelect
    )
    movement = forms.TypedChoiceField(
        label=_("Movement"), coerce=int, empty_value=None, required=False, widget=QuickSelect
    )
    commendation_type = forms.ChoiceField(
        label=_("Type of commendation"),
        choices=[("", "—"), *CommendationType.choices],
        required=False,
        widget=QuickSelect,
    )
    decision = forms.CharField(
        label=_("Decision number"),
        max_length=50,
        required=False,
        help_text=_("All or part of it, e.g. “123/QĐ-STP” or “123”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        clear_errors(self)
        self._by_names = False  # until ``filter`` finds a search's names
        self._unit_keys = None  # until the unit filter is first applied (``_units``)
        for name, form_field in self.fields.items():
            if form_field.help_text:
                form_field.widget.attrs["aria-describedby"] = f"id_{name}_help"
        lists = cached_value("roll-choices", [], _choices)
        self._aliases = {name: aliases for name, (_choices_, aliases, _html) in lists.items()}
        for name, (choices, _aliases, options_html) in lists.items():
            self.fields[name].choices = NormalisedChoices(choices)
            self.fields[name].widget.options_html = options_html
        if self.is_bound:
            # A filter chosen in another language (the language switcher keeps the query) names
            # the same unit, award or movement by another translation's number: take it as ours.
            self.data = self.data.copy()
            for name, (_list, aliases, _html) in lists.items():
                value = self.data.get(name)
                if value and value.isascii() and value.isdigit() and int(value) in aliases:
                    self.data[name] = str(aliases[int(value)])

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("year_from"), cleaned_data.get("year_to")
        if start and end and end < start:
            self.add_error("year_to", _("The last year cannot be earlier than the first year."))
        return cleaned_data

    def filters_used(self):
        """[(label, value as shown)] of the valid filters the visitor set: printed above the list."""
        if not self.is_bound or not self.is_valid():
            return []
        used = []
        for name, value in self.cleaned_data.items():
            if value in (None, "") or name in self.errors:
                continue
            field = self.fields[name]
            if value is False:
                continue
            if value is True:
                used.append((field.label, gettext("yes")))
                continue
            shown = dict((str(k), v) for k, v in getattr(field, "choices", ())).get(str(value), value)
            used.append((field.label, shown))
        return used

    def _valid_data(self):
        """The filters the visitor set that are valid (an invalid one is reported and ignored)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in self.errors and value not in (None, "", False)
        }

    def is_counted(self) -> bool:
        """Whether the kept counts answer the filters (then every count is exact and cheap, whatever the limit)."""
        used = set(self._valid_data())
        return used <= COUNTED_FILTERS or ("unit" in used and used <= UNIT_COUNTED_FILTERS)

    def _same_keys(self, name, pk):
        """The primary keys of the unit or award ``pk`` and of its translations, from the filter's list (which holds
        every unit and award): a literal list, so that the database reads one unit's honours in the order of its
        index, rather than a subquery whose rows it cannot know."""
        aliases = self._aliases[name]
        chosen = aliases.get(pk, pk)
        return sorted({pk, *(other for other, alias in aliases.items() if alias == chosen)})

    def _units(self, data):
        """The units the unit filter stands for: the unit and its translations, with its predecessors if asked.
        Found once per form: the filter and the count both need them."""
        if self._unit_keys is None:
            if data.get("with_predecessors"):
                # The unit and every unit that became it: honours keep the names they were given under.
                self._unit_keys = sorted(predecessors_of([data["unit"]]))
            else:
                self._unit_keys = self._same_keys("unit", data["unit"])
        return self._unit_keys

    def count(self, honours, limit=None):
        """How many honours the filters find: read from the counts the package keeps (the whole roll, a year, a
        level, an award, a kind of recipient, a type: whatever the register's size), else counted among
        ``honours``, the result of :meth:`filter`, on their indexes, up to ``limit`` + 1 (a search of one letter
        matches most of a register of a million: counting every match would read them all)."""
        data = self._valid_data()
        if "unit" in data and set(data) <= UNIT_COUNTED_FILTERS:
            counts = UnitHonourCount.objects.filter(status=DecisionStatus.AWARDED, unit_id__in=self._units(data))
        elif not set(data) <= COUNTED_FILTERS:
            if limit is None:
                return honours.count()
            return honours.order_by().values("pk")[: limit + 1].count()
        else:
            counts = HonourCount.objects.filter(status=DecisionStatus.AWARDED)
        if data.get("year_from"):
            counts = counts.filter(year__gte=data["year_from"])
        if data.get("year_to"):
            counts = counts.filter(year__lte=data["year_to"])
        if data.get("award"):
            counts = counts.filter(award_id__in=self._same_keys("award", data["award"]))
        if data.get("authority"):
            counts = counts.filter(authority=data["authority"])
        if data.get("kind"):
            counts = counts.filter(recipient_kind=data["kind"])
        if data.get("commendation_type"):
            counts = counts.filter(commendation_type=data["commendation_type"])
        return counts.aggregate(n=Sum("count"))["n"] or 0

    def searches_by_name(self) -> bool:
        return bool(self._valid_data().get("q"))

    def ordered_by_name(self) -> bool:
        """Whether the filtered honours are listed by name (``NAME_SEARCH_ORDER``): a search found in a few names."""
        return self._by_names

    def name_matches(self, honours, most):
        """The primary keys of the first ``most`` + 1 honours of ``honours`` (filtered by this form) in the search's
        order: for a search by name, which then needs no count of its own.

        Found from a few names (``search.search_by_name``), the honours are read in the order of each name's
        index, names in order, so that reading stops after ``most`` + 1 of them: a common text's thousands of
        matches in a register of a million are neither read nor sorted. One query gives the count (up to ``most``,
        beyond which the roll says "more than") and every page that can be shown."""
        order = NAME_SEARCH_ORDER if self._by_names else ROLL_ORDER
        return list(honours.order_by(*order).values_list("pk", flat=True)[: most + 1])

    def page_keys(self, honours, offset, size):
        """The primary keys of ``size`` honours from ``offset`` on, in the roll's order.

        A filtered roll, and the first ``SEEK_FROM`` rows of the whole roll, are read on the roll's index, which
        skips what it passes over cheaply. Deeper in the whole roll, the decision that holds ``offset`` is found
        through the counts kept per year and per decision, and the page is read on the same index from that
        decision's place on, in one statement (:func:`_seek`): whatever the depth, nothing proportional to it, or to
        the register, is read or sent, and a page that runs on into the next decisions, or the next year, is still
        one reading."""
        keys = honours.order_by(*ROLL_ORDER).values_list("pk", flat=True)
        if self._valid_data() or offset < SEEK_FROM:
            return list(keys[offset : offset + size])
        if not is_enabled():
            return _seek(offset, size)
        # The running totals of every decision kept in the cache: the decision is found in them by bisection.
        totals = cached_value("roll-decision-places", [], _running_totals)
        at = bisect_right(totals, offset, key=lambda row: row[3])
        if at == len(totals):  # beyond the end of the roll
            return []
        decision_id, date, count, running = totals[at]
        start = offset - (running - count)
        return list(keys.filter(_from_decision(date, decision_id))[start : start + size])

    def filter(self, honours):
        """Apply the valid filters to ``honours`` (awarded honours only)."""
        honours = honours.filter(decision_status=DecisionStatus.AWARDED)
        data = self._valid_data()
        if not data:
            return honours
        if data.get("q"):
            honours, self._by_names = search_by_name(honours, data["q"])
        # Date ranges rather than __year, so the database can use the index on the date.
        if data.get("year_from"):
            honours = honours.filter(decision_date__gte=datetime.date(data["year_from"], 1, 1))
        if data.get("year_to"):
            honours = honours.filter(decision_date__lte=datetime.date(data["year_to"], 12, 31))
        # A unit, award or movement stands for all its translations: an honour may name any of them.
        if data.get("unit"):
            # A list of one key is an equality to both databases, which then read the unit's index in order.
            honours = honours.filter(unit_id__in=self._units(data))
        if data.get("award"):
            honours = honours.filter(award_id__in=self._same_keys("award", data["award"]))
        if data.get("authority"):
            honours = honours.filter(decision_authority=data["authority"])
        if data.get("kind"):
            honours = honours.filter(recipient_kind=data["kind"])
        if data.get("movement"):
            honours = honours.filter(decision__movement_id__in=_same_key(MovementPage, data["movement"]))
        if data.get("commendation_type"):
            honours = honours.filter(decision_commendation_type=data["commendation_type"])
        if data.get("decision") and number_key(data["decision"]):
            # Decisions are few beside their honours: find them first, then their honours by the index.
            matching = Decision.objects.filter(number_key__contains=number_key(data["decision"]))
            honours = honours.filter(decision_id__in=matching.values("pk"))
        return honours


#: How deep in the whole roll its index is walked before the decisions' kept counts are used to seek.
SEEK_FROM = 5000


def _from_decision(date, decision_id):
    """The honours at or after decision ``decision_id`` of ``date`` in the roll's order (``ROLL_ORDER``): a row
    comparison, which both databases read as a range of the roll's index (the ORM has no such lookup yet). It names
    the honours' table itself: for a query of the honours, not a subquery of another (where Django renames it)."""
    table = connection.ops.quote_name(Honour._meta.db_table)
    columns = ", ".join(
        f"{table}.{connection.ops.quote_name(Honour._meta.get_field(name).column)}"
        for name in ("decision_date", "decision")
    )
    return RawSQL(f"({columns}) <= (%s, %s)", [date, decision_id], output_field=BooleanField())


def _running_totals():
    """Every decision of the whole roll, in its order, as (decision id, date, its awarded honours, the running total
    through it): windows over the grouped counts, in SQL that SQLite (3.25+) and PostgreSQL both run (the ORM cannot
    yet sum an aggregate in a window)."""
    sql = f"""
        SELECT c.decision_id, d.date, SUM(c.count) AS n,
               SUM(SUM(c.count)) OVER (ORDER BY d.date DESC, c.decision_id DESC) AS running
        FROM {DecisionHonourCount._meta.db_table} c INNER JOIN {Decision._meta.db_table} d ON d.id = c.decision_id
        WHERE c.status = %s AND c.count > 0
        GROUP BY c.decision_id, d.date
        ORDER BY running
    """
    with connections[DecisionHonourCount.objects.db].cursor() as cursor:
        cursor.execute(sql, [DecisionStatus.AWARDED])
        return [(key, _as_date(date), int(n), int(running)) for key, date, n, running in cursor.fetchall()]


def _seek(offset, size):
    """The keys of ``size`` honours of the whole roll from ``offset`` on (:func:`_seek_statement`)."""
    sql, params = _seek_statement(offset, size)
    with connections[Honour.objects.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [key for (key,) in cursor.fetchall()]


def _seek_statement(offset, size):
    """(SQL, parameters) of the keys of ``size`` honours of the whole roll from ``offset`` on, in one statement: the
    kept yearly counts say which year holds ``offset`` and how many honours the newer years hold; the running totals
    of that year's decisions, which decision holds it and where; and the roll's index is then read from that
    decision's place on, by a row comparison. A request reads one year's decisions' counts and the page, not the
    whole register.

    The year's decisions' dates are read by key, one by one: joined, PostgreSQL hashed every decision of the
    register for them. The decision's place is given to the index as scalar subqueries, which both databases
    compute once, before reading the index in order. Beyond the end of the roll no decision is found, and nothing
    is read (SQLite refuses an offset of NULL, hence its 0)."""
    honours, decisions = Honour._meta.db_table, Decision._meta.db_table
    sql = f"""
        WITH years AS (
            SELECT year, SUM(count) AS n FROM {HonourCount._meta.db_table}
            WHERE status = %s AND count > 0 GROUP BY year
        ), through AS (
            SELECT year, n, SUM(n) OVER (ORDER BY year DESC) AS running FROM years
        ), chosen AS (
            SELECT year, running - n AS newer FROM through WHERE running > %s ORDER BY year DESC LIMIT 1
        ), grouped AS (
            SELECT c.decision_id, SUM(c.count) AS n
            FROM {DecisionHonourCount._meta.db_table} c INNER JOIN chosen ON c.year = chosen.year
            WHERE c.status = %s AND c.count > 0
            GROUP BY c.decision_id
        ), dated AS (
            SELECT g.decision_id, g.n, (SELECT d.date FROM {decisions} d WHERE d.id = g.decision_id) AS date
            FROM grouped g
        ), found AS (
            SELECT decision_id, date, %s - (running - n) AS start FROM (
                SELECT decision_id, date, n,
                       (SELECT newer FROM chosen) + SUM(n) OVER (ORDER BY date DESC, decision_id DESC) AS running
                FROM dated
            ) totals
            WHERE running > %s
            ORDER BY running
            LIMIT 1
        )
        SELECT h.id FROM {honours} h
        WHERE h.decision_status = %s
          AND (h.decision_date, h.decision_id) <= ((SELECT date FROM found), (SELECT decision_id FROM found))
        ORDER BY h.decision_date DESC, h.decision_id DESC, h.sort_order ASC, h.id ASC
        LIMIT %s OFFSET COALESCE((SELECT start FROM found), 0)
    """
    awarded = DecisionStatus.AWARDED
    return sql, [awarded, offset, awarded, offset, offset, awarded, size]


def _as_date(value):
    # SQLite hands a raw query's dates back as text.
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


_CHOICE_LISTS = ("unit", "award", "movement")


def _choice_rows(lists):
    # The lists in one statement: the roll and the decisions' list read them on every visit with the cache off,
    # and a round trip each, built and compiled afresh, cost more than the rows. Each row says its list first; the
    # awards keep their own order, the others are ordered by name (the units again, in Python, by the Vietnamese
    # alphabet).
    columns = ("list", "pk", "label", "key", "language", "rank")

    def rows(queryset, name, label, rank):
        return (
            queryset.annotate(
                list=Value(_CHOICE_LISTS.index(name)),
                label=F(label),
                key=F("translation_key"),
                language=F("locale__language_code"),
                rank=rank,
            )
            .values_list(*columns)
            .order_by()
        )

    every = {
        "unit": lambda: rows(Unit.objects.all(), "unit", "name", Value(0)),
        "award": lambda: rows(AwardType.objects.all(), "award", "name", F("order")),
        "movement": lambda: rows(MovementPage.objects.live().filter(public_pages_q()), "movement", "title", Value(0)),
    }
    first, *others = (every[name]() for name in lists)
    return (first.union(*others, all=True) if others else first).order_by("list", "rank", "label", "pk")


#: The unit, award and movement filters' choices (those of the lists given as its shape), as (list, pk, name,
#: translation key, language, rank) rows.
CHOICE_ROWS = CompiledQuery(_choice_rows)


def _choices(lists=_CHOICE_LISTS):
    """{field: (choices, aliases, options' HTML)} for the filters ``lists`` (the unit, award and movement filters;
    aliases: see :func:`_one_choice_per_key`).

    Plain rows, in one query: the lists can be long, and model instances cost. One choice per
    translation key, named in the reader's language where translated.
    """
    language = content_language()
    rows = {name: [] for name in lists}
    for list_number, pk, label, key, row_language, _rank in CHOICE_ROWS.list(tuple(lists)):
        rows[_CHOICE_LISTS[list_number]].append((pk, label, key, row_language))
    result = {}
    for name in lists:
        choices, aliases = _one_choice_per_key(rows[name], language)
        if name == "unit":
            choices = sorted(choices, key=lambda row: name_sort_key(row[1]))
        choices = [("", "—"), *choices]
        result[name] = (choices, aliases, render_options(choices))
    return result


def award_choices():
    """The award filter's choices alone, as :func:`_choices` gives them, kept in the cache: the decisions' list has
    no other list to show."""
    return cached_value("award-choices", [], lambda: _choices(("award",)))["award"]


def _same_key(model, pk):
    """The primary keys of ``pk``'s row and its translations, as a subquery."""
    return model.objects.filter(translation_key__in=model.objects.filter(pk=pk).values("translation_key")).values("pk")


def _one_choice_per_key(rows, language):
    """([(pk, name)] one per translation key, {any translation's pk: the chosen pk}) from
    (pk, name, key, language) rows, in the order first seen: the row in ``language`` if there
    is one, else the default language's, else the first."""
    default = default_content_language()
    chosen, rank, keys = {}, {}, {}
    for pk, name, key, row_language in rows:
        keys[pk] = key
        preference = 0 if row_language == language else 1 if row_language == default else 2
        if key not in chosen or preference < rank[key]:
            chosen[key], rank[key] = (pk, name), preference
    aliases = {pk: chosen[key][0] for pk, key in keys.items()}
    return list(chosen.values()), aliases


def roll_queryset(honours=None, *, page=False):
    """``honours`` (default: all) in the roll's stable order, as plain rows of the public fields only.

    ``page``: the rows of one page (a few dozen honours). Each row's decision, and the decision that corrected it,
    are then read by key, row by row, rather than joined: to join them, PostgreSQL hashed the whole table of
    decisions on every page (0.5 of the rows' 0.8 ms at 2,000 decisions, and growing with them). A whole register's
    rows (an export) are joined, which is then the cheaper."""
    honours = Honour.objects.all() if honours is None else honours
    if page:
        decision = Decision.objects.filter(pk=OuterRef("decision_id")).order_by()
        corrected_by = Decision.objects.filter(pk=OuterRef("corrected_by_id")).order_by()
        decision_fields = {
            "decision__number": Subquery(decision.values("number")),
            "decision__is_sample": Subquery(decision.values("is_sample")),
            # A later decision that corrected the honour: the roll says so, with its number and date.
            "corrected_by__number": Subquery(corrected_by.values("number")),
            "corrected_by__date": Subquery(corrected_by.values("date")),
        }
        decision_columns = ()
    else:
        decision_fields = {}
        decision_columns = ("decision__number", "decision__is_sample", "corrected_by__number", "corrected_by__date")
    return honours.values(
        "pk",
        "recipient_kind",
        "person_name",
        "position",
        "posthumous",
        "decision_date",
        "decision_authority",
        "achievement",
        "decision_id",
        *decision_columns,
        **decision_fields,
        # In the reader's language where translated; the unit under the name it had then.
        award_name=translated_value(AwardType, "award__translation_key", "name", F("award__name")),
        unit_label=translated_value(Unit, "unit__translation_key", "name", F("unit_name")),
    ).order_by(*ROLL_ORDER)
