from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThiduaWagtailConfig(AppConfig):
    name = "thidua_wagtail"
    label = "thidua_wagtail"
    verbose_name = _("Emulation and commendation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.permissions import register_permission_policy

        from . import checks  # noqa: F401  (registers the system checks)
        from .cache import connect_signals
        from .models import AwardType, Commemoration, Honour
        from .models.fields import DayFirstDateField
        from .permissions import HonourPermissionPolicy, StatutoryEntryPermissionPolicy
        from .widgets import DayFirstDateInput

        # Before any admin view asks for the policy (Wagtail would create a default one).
        register_permission_policy(AwardType, StatutoryEntryPermissionPolicy(AwardType))
        register_permission_policy(Honour, HonourPermissionPolicy(Honour))
        register_permission_policy(
            Commemoration, StatutoryEntryPermissionPolicy(Commemoration, flag_field="is_shipped")
        )
        connect_signals()
        from . import purge

        # The front-end cache (CDN, Varnish) is purged of what changed, when it is configured.
        purge.connect_signals()
        from .services import connect

        # The cache, the totals, related news, the roll's views and the page forms, for the models to call.
        connect()
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from .locales import forget_locale_ids

        post_save.connect(forget_locale_ids, sender=Locale, dispatch_uid="thidua_wagtail_forget_locale_ids")
        post_delete.connect(forget_locale_ids, sender=Locale, dispatch_uid="thidua_wagtail_forget_locale_ids")
        # Honours a deleted decision had revoked are awarded again (their foreign key alone would only be cleared).
        from django.db.models.signals import pre_delete

        from .models import Decision, amendments, counts

        pre_delete.connect(
            amendments.decision_deleted, sender=Decision, dispatch_uid="thidua_wagtail.amendments.deleted"
        )
        # A deleted decision's honours go with it (a cascade, which sends no signal per honour): so do their counts.
        pre_delete.connect(counts.decision_deleted, sender=Decision, dispatch_uid="thidua_wagtail.counts.deleted")
        # Before any admin form is built: the package's dates are typed day first, and kept as typed.
        register_form_field_override(DayFirstDateField, override={"widget": DayFirstDateInput})
