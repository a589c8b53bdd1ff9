# Vietnamese dates are written day first: 28/5/2021. Django's own "vi" formats are kept
# and the input formats that the admin's date fields (WAGTAIL_DATE_FORMAT) need are added.
from django.conf.locale.vi.formats import *  # noqa: F403

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
