"""The admin where municipal staff edit the section (each module registers its models)."""

from . import feedback, records, review  # noqa: F401
