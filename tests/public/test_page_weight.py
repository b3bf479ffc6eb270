"""The section page stays light: HTML, CSS and JavaScript under 40 KB compressed (bytes, not time).

The same measurement as `make weight` (scripts/page_weight.py), made in process: the
page with the seed content and every style sheet and script it links, each gzipped at
level 6; images are left out.
"""

import gzip
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.pages import parse

pytestmark = pytest.mark.django_db

SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}
BUDGET = 40_000


def compressed(content):
    return len(gzip.compress(content, compresslevel=6))


def linked_code(root):
    """Return the static paths of the style sheets and scripts a page loads."""
    paths = [link.attrs["href"] for link in root.find_all("link", rel="stylesheet")]
    paths += [script.attrs["src"] for script in root.find_all("script", src=True)]
    return paths


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_section_page_with_its_css_and_scripts_weighs_under_40_kb(client, seed, language):
    response = client.get(SECTION[language])
    root = parse(response)
    sizes = {SECTION[language]: compressed(response.content)}
    for path in linked_code(root):
        assert path.startswith(settings.STATIC_URL), f"{path} is not one of the site's files"
        found = finders.find(path.removeprefix(settings.STATIC_URL))
        sizes[path] = compressed(Path(found).read_bytes())

    total = sum(sizes.values())

    assert any(path.endswith(".css") for path in sizes)
    assert total < BUDGET, f"{total} bytes compressed: {sizes}"
