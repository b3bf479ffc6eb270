"""Lighthouse's SEO audits score the section page 100 (mobile), as `make lighthouse` does
for every kind of page (scripts/lighthouse.py, docs/findability.md).

Lighthouse (node_modules) drives Debian's Chromium against a live server showing the seed
content. Outside CI the test is skipped when Lighthouse or Chromium is missing; in CI
(CI=true) it fails instead. It costs one Lighthouse run, about 15 s on CI's machine.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from scripts.chromium import CHROMIUM
from scripts.lighthouse import LIGHTHOUSE, audit
from tests.site_pages import SECTION, require, require_node_tool

# What Lighthouse finds depends on the templates, not on the database engine.
pytestmark = [pytest.mark.engine_independent, pytest.mark.django_db(transaction=True)]


def test_lighthouse_scores_the_section_page_100_for_search_engines_on_a_phone(
    live_server, settings
):
    require_node_tool(Path(LIGHTHOUSE))
    require("Chromium", os.path.exists(CHROMIUM), "install Debian's chromium (.ci/run does)")
    call_command("load_seed_content", verbosity=0)
    # The page's canonical and hreflang addresses on the server Lighthouse reads.
    settings.SITE_URL = live_server.url

    score, failed = audit(f"{live_server.url}{SECTION['bg']}", "mobile")

    assert failed == []
    assert score == 1
