import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    # Each test starts in the portal's default language, whatever an earlier test activated.
    with translation.override("vi"):
        yield
