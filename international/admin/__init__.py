"""The admin where municipal staff edit the section (each module registers its models)."""

from . import accounts, base, calls, feedback, links, records, review, visits  # noqa: F401
