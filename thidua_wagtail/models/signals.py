"""Signals of the package's models, for the layers above them to listen to."""

from django.dispatch import Signal

__all__ = ["honours_changed"]

#: Sent when the honours of some decisions changed by a path that sends no save or delete signal of its own (an
#: import's bulk create, a revocation's update, the admin's bulk delete), once their counts are up to date;
#: ``decision_ids`` names the decisions. The package's cache listens (``thidua_wagtail.cache.connect_signals``).
honours_changed = Signal()
