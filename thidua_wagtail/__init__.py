"""thidua-wagtail: emulation plans, movements, phases and honours for Wagtail portals."""

__version__ = "0.1.0"
