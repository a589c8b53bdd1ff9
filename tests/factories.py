"""Builders of test content: a site with a hub, a plan, its phases and movements."""

import datetime

from wagtail.models import Page, Site

from news.models import HomePage
from thidua_wagtail.models import (
    Commemoration,
    EmulationIndexPage,
    MovementPage,
    Phase,
    PlanMovement,
    PlanPage,
    Review,
    ReviewKind,
    Unit,
    UnitKind,
)


def make_home():
    root = Page.get_first_root_node()
    existing = HomePage.objects.filter(slug="home-test").first()
    if existing:
        return existing
    home = HomePage(title="Trang chủ", slug="home-test")
    root.add_child(instance=home)
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home


def make_hub(parent=None, **fields):
    parent = parent or make_home()
    fields = {
        "title": "Thi đua – Khen thưởng",
        "slug": "thi-dua",
        "tradition_day": justice_day(),
        **fields,
    }
    hub = EmulationIndexPage(**fields)
    parent.add_child(instance=hub)
    return hub


def justice_day():
    """The Justice sector's Tradition Day (28/8/1945), shipped with the package."""
    from wagtail.models import Locale

    return Commemoration.objects.get(code="truyen-thong-nganh-tu-phap", locale=Locale.get_default())


def make_unit(name="Sở Tư pháp", **fields):
    return Unit.objects.create(name=name, kind=fields.pop("kind", UnitKind.AGENCY), **fields)


def make_plan(parent, issuer=None, phases=2, movements=2, number="599/KH-STP", slug="ke-hoach", **fields):
    """A published plan under ``parent`` with ``phases`` consecutive phases and ``movements`` adopted movements."""
    issuer = issuer or make_unit()
    plan = PlanPage(
        title=fields.pop("title", "Kế hoạch thi đua 2021 – 2025"),
        slug=slug,
        number=number,
        issue_date=datetime.date(2021, 5, 28),
        issuer=issuer,
        signer_name="Nguyễn Văn An",
        signer_position="Giám đốc Sở Tư pháp",
        start_year=fields.pop("start_year", 2021),
        end_year=fields.pop("end_year", 2025),
        **fields,
    )
    start = datetime.date(plan.start_year, 1, 1)
    span = (datetime.date(plan.end_year, 12, 31) - start).days // max(phases, 1)
    plan.phases = [
        Phase(
            name=f"Đợt {i + 1}",
            start_date=start + datetime.timedelta(days=i * span),
            end_date=start + datetime.timedelta(days=(i + 1) * span - 1),
        )
        for i in range(phases)
    ]
    # Each phase reviewed on its last day, with the Tradition Day's anniversary.
    plan.reviews = [
        Review(
            kind=ReviewKind.INTERIM if i < phases - 1 else ReviewKind.FINAL,
            date=phase.end_date,
            celebrates_anniversary=True,
        )
        for i, phase in enumerate(plan.phases.all())
    ]
    parent.add_child(instance=plan)
    hub = parent
    links = []
    for i in range(movements):
        movement = MovementPage(title=f"Phong trào {i + 1}", slug=f"{slug}-phong-trao-{i + 1}")
        hub.add_child(instance=movement)
        links.append(PlanMovement(movement=movement))
    plan.movement_links = links
    plan.save_revision().publish()
    return PlanPage.objects.get(pk=plan.pk)


def plan_post_data(plan, **overrides):
    """The edit form data an editor submits for ``plan`` (StreamFields are built by JS, so not scraped)."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    phases = [
        {
            "id": p.pk or "",
            "name": p.name,
            "start_date": p.start_date.isoformat(),
            "end_date": p.end_date.isoformat(),
            "description": p.description,
        }
        for p in plan.phases.all()
    ]
    reviews = [
        {
            "id": r.pk or "",
            "kind": r.kind,
            "date": r.date.isoformat(),
            "name": r.name,
            "place": r.place,
            "movement": r.movement_id or "",
            "celebrates_anniversary": "on" if r.celebrates_anniversary else "",
            "commemoration": r.commemoration_id or "",
            "congress_ordinal": r.congress_ordinal or "",
            "congress_name": r.congress_name,
            "description": r.description,
        }
        for r in plan.reviews.all()
    ]
    data = {
        "title": plan.title,
        "slug": plan.slug,
        "number": plan.number,
        "issue_date": plan.issue_date.isoformat(),
        "issuer": plan.issuer_id,
        "signer_name": plan.signer_name,
        "signer_position": plan.signer_position,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "summary": plan.summary,
        "body": streamfield([]),
        "phases": inline_formset(phases, initial=len([p for p in phases if p["id"]])),
        "reviews": inline_formset(reviews, initial=len([r for r in reviews if r["id"]])),
        "movement_links": inline_formset(
            [{"id": link.pk, "movement": link.movement_id} for link in plan.movement_links.all()],
            initial=plan.movement_links.count(),
        ),
        "attachments": inline_formset([]),
        "tradition_day": plan.tradition_day_id or "",
    }
    data.update(overrides)
    return nested_form_data(data)


def movement_post_data(movement, **overrides):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    data = {
        "title": movement.title,
        "slug": movement.slug,
        "kind": movement.kind,
        "scope": movement.scope,
        "launched_by": movement.launched_by,
        "start_year": movement.start_year or "",
        "end_year": movement.end_year or "",
        "goals": rich_text(movement.goals or ""),
        "content": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def new_plan_data(issuer, phases, **fields):
    """Form data of the admin's "add plan" form: plan 599/KH-STP with the given phase rows."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = {
        "title": "Kế hoạch thi đua",
        "slug": "ke-hoach-moi",
        "number": "599/KH-STP",
        "issue_date": "2021-05-28",
        "issuer": issuer.pk,
        "signer_position": "Giám đốc Sở Tư pháp",
        "start_year": 2021,
        "end_year": 2025,
        "body": streamfield([]),
        "phases": inline_formset(list(phases)),
        "reviews": inline_formset(list(fields.pop("reviews", []))),
        "movement_links": inline_formset(list(fields.pop("movement_links", []))),
        "attachments": inline_formset([]),
        **fields,
    }
    return nested_form_data(data)


def make_roll(hub, title="Danh sách khen thưởng", slug="danh-sach"):
    """A live honour roll page under ``hub``."""
    from thidua_wagtail.models import HonourRollPage

    page = HonourRollPage(title=title, slug=slug)
    hub.add_child(instance=page)
    return page


def person(name, unit=None, award="lao-dong-tien-tien", **fields):
    """An individual's honour for :func:`make_decision`, a staff member by default."""
    return {
        "recipient_kind": "individual",
        "person_name": name,
        "position": "Chuyên viên",
        "unit": unit,
        "award": award,
        **fields,
    }


def make_decision(number="1/QĐ-STP", date=None, authority="department", status="awarded", honours=(), **fields):
    """A decision with ``honours``: dicts of Honour fields, ``award`` given by catalogue code or instance."""
    from thidua_wagtail.models import AwardType, Decision, Honour

    decision = Decision.objects.create(
        number=number,
        date=date or datetime.date(2022, 5, 10),
        authority=authority,
        issuing_body=fields.pop("issuing_body", "Sở Tư pháp tỉnh Đồng Tháp"),
        status=status,
        **fields,
    )
    for i, data in enumerate(honours):
        data = dict(data)
        award = data.pop("award")
        if isinstance(award, str):
            award = AwardType.objects.get(code=award)
        Honour.objects.create(decision=decision, award=award, sort_order=i, **data)
    return decision
