"""The admin where municipal staff edit the section (each module registers its models)."""

from . import accounts, feedback, links, records, review  # noqa: F401
