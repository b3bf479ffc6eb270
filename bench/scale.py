"""How the section's pages and the admin grow with the content: 10 to 5000 records per kind.

    .venv/bin/python bench/scale.py           # 10, 100, 1000 and 5000 records per kind
    .venv/bin/python bench/scale.py --quick   # without 5000

Each size fills a throwaway SQLite database (the seed content plus N published records
of each kind, bench/run.py's fill) and times, in one process on Django's test client
with the cache cleared before each request (cold): the English section page, a list
page, a record's page, sitemap.xml (and each page it lists, should it be an index), the
JSON and CSV exports, the admin index, every admin change list, and "save to visible": an
admin save of a twin city's English name through the change form, then its public page
showing it. The median of a few requests; prints a Markdown table. Serves nothing.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import base_env, fill, manage  # noqa: E402

MEASURE = r"""
import json, re, statistics, time
from html.parser import HTMLParser
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from international.models import TwinCity

RUNS = __RUNS__
client = Client()

def timed(path, runs=RUNS):
    times = []
    for _ in range(runs):
        cache.clear()
        start = time.perf_counter()
        response = client.get(path)
        if response.streaming:  # The exports: timed until their last byte.
            response.content_bytes = b"".join(response.streaming_content)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times), response

rows = {}
with translation.override("en"):
    city = TwinCity.objects.published().order_by("-pk").first()
    rows["section page"] = timed(reverse("international:section"))[0]
    rows["list page (twin cities)"] = timed(reverse("international:twin_city_list"))[0]
    rows["record page (twin city)"] = timed(city.get_absolute_url())[0]
    ms, response = timed("/sitemap.xml")
    rows["sitemap.xml"] = ms
    listed = re.findall(rb"<sitemap>\s*<loc>([^<]+)</loc>", response.content)
    if listed:  # An index: each page it lists.
        pages = [timed(re.sub(r"^https?://[^/]+", "", loc.decode()), 1)[0] for loc in listed]
        rows["sitemap pages, all together"] = sum(pages)
        rows["sitemap pages, how many"] = len(pages)
    exports = [p for p in re.findall(r'href="([^"]+\.(?:json|csv))"',
               client.get(reverse("international:open_data")).content.decode())]
    for fmt in ("json", "csv"):
        path = next((p for p in exports if p.endswith("." + fmt)), None)
        if path:
            ms, response = timed(path, 3)
            rows[f"export {path.rsplit('/', 1)[1]}"] = ms

user = get_user_model().objects.filter(username="bench").first()
user = user or get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
client.force_login(user)
rows["admin index"] = timed("/admin/")[0]
for model in admin.site._registry:
    meta = model._meta
    try:
        path = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    except Exception:
        continue
    with translation.override("en"):
        label = f"admin list: {meta.verbose_name_plural}"
    rows[label] = timed(path, 3)[0]


class Form(HTMLParser):
    # The change form's fields as a browser would send them.
    def __init__(self):
        super().__init__()
        self.data, self.select, self.textarea = {}, None, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file", "image"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data[name] = a.get("value", "on" if a.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in a:
            self.data[self.select] = a.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""
    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        if tag == "textarea":
            self.textarea = None
    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data

change = reverse("admin:international_twincity_change", args=[city.pk])
form = Form()
form.feed(client.get(change).content.decode())
form.data["name_en"] = f"Saved and visible {time.time_ns()}"
start = time.perf_counter()
saved = client.post(change, form.data)
with translation.override("en"):
    page = client.get(city.get_absolute_url())
rows["save to visible"] = (time.perf_counter() - start) * 1000
visible = form.data["name_en"].encode() in page.content
rows["save to visible"] = rows["save to visible"] if saved.status_code == 302 and visible else None
print(json.dumps(rows))
"""


def measure(env, runs):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", MEASURE.replace("__RUNS__", str(runs))],
        cwd=ROOT,
        env={**env, "ALLOWED_HOSTS": "testserver"},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def scaling_table(sizes, runs=3):
    """Return {size: {what: ms}} for each number of records per kind in *sizes*."""
    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = base_env(Path(tmp))
        manage(env, "migrate", "-v0")
        manage(env, "load_seed_content")
        manage(env, "collectstatic", "--noinput", "-v0")
        loaded = 0
        for size in sizes:
            fill(env, loaded, size)
            loaded = size
            table[size] = measure(env, runs)
            print(f"{size} records per kind measured", file=sys.stderr, flush=True)
    return table


def markdown(table):
    sizes = list(table)
    names = list(dict.fromkeys(name for row in table.values() for name in row))
    lines = [
        "| cold, ms | " + " | ".join(str(size) for size in sizes) + " |",
        "| --- | " + " | ".join("---:" for _ in sizes) + " |",
    ]
    for name in names:
        cells = []
        for size in sizes:
            value = table[size].get(name)
            cells.append("–" if value is None else f"{value:.0f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave out 5000 records per kind")
    args = parser.parse_args()
    sizes = (10, 100, 1000) if args.quick else (10, 100, 1000, 5000)
    print(markdown(scaling_table(sizes)))


if __name__ == "__main__":
    main()
