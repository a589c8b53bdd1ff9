"""Each page type through Wagtail's own page test helpers."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from news.models import HomePage, NewsArticlePage, NewsIndexPage
from tests.factories import make_hub, make_plan, make_unit, movement_post_data, new_plan_data, plan_post_data
from thidua_wagtail.models import EmulationIndexPage, HonourRollPage, MovementPage, PlanPage


class PageTypeRulesTests(WagtailPageTestCase):
    def test_hub_goes_under_any_portal_page_but_not_inside_itself_or_a_plan(self):
        self.assertCanCreateAt(HomePage, EmulationIndexPage)
        self.assertCanCreateAt(Page, EmulationIndexPage)
        self.assertCanNotCreateAt(EmulationIndexPage, EmulationIndexPage)
        self.assertCanNotCreateAt(PlanPage, EmulationIndexPage)
        self.assertCanNotCreateAt(MovementPage, EmulationIndexPage)

    def test_plans_go_under_the_hub_or_a_parent_plan(self):
        self.assertAllowedParentPageTypes(PlanPage, {EmulationIndexPage, PlanPage})
        self.assertCanNotCreateAt(HomePage, PlanPage)
        self.assertCanNotCreateAt(NewsIndexPage, PlanPage)

    def test_movements_go_under_the_hub_or_a_plan_and_hold_nothing(self):
        self.assertAllowedParentPageTypes(MovementPage, {EmulationIndexPage, PlanPage})
        self.assertAllowedSubpageTypes(MovementPage, set())
        self.assertCanNotCreateAt(NewsArticlePage, MovementPage)

    def test_hub_holds_plans_movements_and_the_honour_roll(self):
        self.assertAllowedSubpageTypes(EmulationIndexPage, {PlanPage, MovementPage, HonourRollPage})
        self.assertAllowedParentPageTypes(HonourRollPage, {EmulationIndexPage})
        self.assertAllowedSubpageTypes(HonourRollPage, set())
        self.assertAllowedSubpageTypes(PlanPage, {PlanPage, MovementPage})


class PageHelpersTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.hub = make_hub()
        cls.plan = make_plan(cls.hub)
        cls.movement = MovementPage.objects.child_of(cls.hub).first()

    def test_routable(self):
        # Through the site's URLs rather than assertPageIsRoutable, which does not know of the
        # language prefix that i18n_patterns puts before every page.
        for page in [self.hub, self.plan, self.movement]:
            with self.subTest(page=page):
                self.assertTrue(page.url.startswith("/vi/"))
                response = self.client.get(page.url)
                self.assertEqual((response.status_code, response.context["page"]), (200, page))

    def test_renderable(self):
        for page in [self.hub, self.plan, self.movement]:
            with self.subTest(page=page):
                self.assertPageIsRenderable(page)

    def test_editable(self):
        self.assertPageIsEditable(self.hub)
        self.assertPageIsEditable(self.plan, post_data=plan_post_data(self.plan))
        self.assertPageIsEditable(self.movement, post_data=movement_post_data(self.movement))

    def test_previewable(self):
        self.assertPageIsPreviewable(self.hub)
        self.assertPageIsPreviewable(self.plan, post_data=plan_post_data(self.plan))
        self.assertPageIsPreviewable(self.movement, post_data=movement_post_data(self.movement))

    def test_sub_unit_plan_is_renderable_and_editable(self):
        division = make_unit("Phòng Hành chính tư pháp", parent=self.plan.issuer)
        sub_plan = make_plan(
            self.plan, issuer=division, number="12/KH-HCTP", slug="ke-hoach-hctp", phases=1, movements=0
        )
        self.assertPageIsRenderable(sub_plan)
        self.assertPageIsEditable(sub_plan, post_data=plan_post_data(sub_plan))


class PlanCreationTests(WagtailPageTestCase):
    def test_editor_creates_a_plan_with_phases_through_the_admin(self):
        self.login()
        hub = make_hub()
        issuer = make_unit()
        data = new_plan_data(
            issuer,
            [
                {"name": "Đợt 1", "start_date": "2021-01-01", "end_date": "2023-08-28", "review_kind": "interim"},
                {"name": "Đợt 2", "start_date": "2023-08-29", "end_date": "2025-08-28", "review_kind": "final"},
            ],
        )
        self.assertCanCreate(hub, PlanPage, data)
        plan = PlanPage.objects.get(number="599/KH-STP")
        self.assertEqual([p.name for p in plan.phases.order_by("sort_order")], ["Đợt 1", "Đợt 2"])
