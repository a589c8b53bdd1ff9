"""The baseline of the benchmarks: a plain Wagtail page of the example portal.

The demo's own article embeds the package's blocks, so it is no longer plain; the baseline is
a news article with the same text, its link to the plan included (a rich-text link costs the host
three queries of Wagtail's own), and no block of the package.
"""


def plain_article_url():
    from wagtail.rich_text import RichText

    from news.demo import ARTICLE_PARAGRAPHS, ARTICLE_TITLE
    from news.models import NewsArticlePage, NewsIndexPage
    from thidua_wagtail.models import PlanPage

    existing = NewsArticlePage.objects.filter(slug="bench-plain-article").first()
    if existing is None:
        news = NewsIndexPage.objects.filter(locale__language_code="vi").first()
        plan = PlanPage.objects.filter(number="599/KH-STP", locale__language_code="vi").first()
        plan_link = (
            f'<a linktype="page" id="{plan.pk}">Kế hoạch số 599/KH-STP</a>' if plan else "Kế hoạch số 599/KH-STP"
        )
        body = [("paragraph", RichText("<p>" + p.format(plan_link=plan_link) + "</p>")) for p in ARTICLE_PARAGRAPHS]
        existing = NewsArticlePage(title=ARTICLE_TITLE, slug="bench-plain-article", body=body)
        news.add_child(instance=existing)
        existing.save_revision().publish()
    return existing.url
