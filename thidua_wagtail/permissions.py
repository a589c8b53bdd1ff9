"""Permission policies of the package's models."""

from django.db.models import Q
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

__all__ = ["HonourPermissionPolicy", "StatutoryEntryPermissionPolicy"]


def _default_locale_id():
    return Locale.get_default().pk


class StatutoryEntryPermissionPolicy(ModelPermissionPolicy):
    """Editors may add local award types; entries of the legal catalogue can be neither changed nor deleted.

    Even a superuser cannot: the catalogue is the law's, and ``thidua_load_catalogue``
    is the only way to change it. Their translations into other languages are the
    translators' (wagtail-localize keeps every fact in step with the source, so only the
    words can differ). The same holds for the commemorations shipped with the package
    (``flag_field="is_shipped"``).
    """

    def __init__(self, model, flag_field="is_statutory", **kwargs):
        super().__init__(model, **kwargs)
        self.flag_field = flag_field

    def user_has_permission_for_instance(self, user, action, instance):
        if (
            action in ("change", "delete")
            and getattr(instance, self.flag_field, False)
            and instance.locale_id == _default_locale_id()
        ):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= {"change", "delete"}:
            instances = instances.filter(Q(**{self.flag_field: False}) | ~Q(locale_id=_default_locale_id()))
        return instances


class HonourPermissionPolicy(ModelPermissionPolicy):
    """An honour is part of its decision: who may change decisions may add, change and delete their honours,
    and who may view decisions may view them. Groups need no permission of their own on honours."""

    def __init__(self, model):
        super().__init__(model, auth_model="thidua_wagtail.Decision")

    def _get_permission_codename(self, action):
        return super()._get_permission_codename("view" if action == "view" else "change")
