"""Helpers shared by the tests."""

import html
import re


def text_of(response):
    """The text a visitor reads on a page: tags dropped, entities decoded, white space folded."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def run_queued_tasks(backend="thidua"):
    """What the portal's worker (``manage.py db_worker --backend thidua``) does with every task queued: claim it and
    run it. In the test's own connection: the command closes the connections between tasks, the test's among them."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend,
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    queued = list(DBTaskResult.objects.ready().filter(backend_name=backend))
    assert queued, "nothing was queued"
    for result in queued:
        result.claim(worker.worker_id)
        worker.run_task(result)
        result.refresh_from_db()
        assert result.status == "SUCCESSFUL", result.traceback
