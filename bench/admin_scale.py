"""Time the admin index, the event change list and every sitemap page at scale, cold.

    .venv/bin/python bench/admin_scale.py             # 1000 and 5000 records per kind
    .venv/bin/python bench/admin_scale.py 200 1000    # other sizes

A throwaway SQLite database (bench/run.py's fill: published records of each kind, in
bulk), the Django test client in one process, the cache replaced by a dummy one so every
request renders. Prints one line per page: median of 3 renders (wall-clock, and this
process's CPU time, which other load on a shared machine moves less), queries, size.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import ROOT, base_env, fill, manage

MEASURE = """
import json, statistics, time
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

user = get_user_model().objects.filter(username="bench").first()
if user is None:
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
admin = Client()
admin.force_login(user)
public = Client()

def measure(client, url, runs=3):
    client.get(url)  # Warm-up: templates compiled, connection open.
    times, cpu = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            content = b"".join(response) if response.streaming else response.content
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {"url": url, "ms": round(statistics.median(times), 1),
            "cpu_ms": round(statistics.median(cpu), 1),
            "queries": len(queries), "kb": round(len(content) / 1024)}, content

rows = [measure(admin, "/admin/")[0],
        measure(admin, "/admin/international/event/")[0]]
row, content = measure(public, "/sitemap.xml")
rows.append(row)
root = ET.fromstring(content)
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
if root.tag == SM + "sitemapindex":
    for loc in root.iter(SM + "loc"):
        address = urlsplit(loc.text)
        query = "?" + address.query if address.query else ""
        rows.append(measure(public, address.path + query)[0])
print(json.dumps(rows))
"""


def measure(env):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", MEASURE],
        cwd=ROOT,
        env={**env, "ALLOWED_HOSTS": "testserver,127.0.0.1", "BENCH_CACHE": "off"},
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    sizes = [int(size) for size in sys.argv[1:]] or [1000, 5000]
    with tempfile.TemporaryDirectory() as tmp:
        env = base_env(Path(tmp))
        manage(env, "migrate", "-v0")
        manage(env, "load_seed_content")
        manage(env, "collectstatic", "--noinput", "-v0")
        loaded = 0
        for per_kind in sizes:
            fill(env, loaded, per_kind)
            loaded = per_kind
            for row in measure(env):
                print(
                    f"{per_kind:>5} per kind  {row['url']:<40} {row['ms']:>7.1f} ms "
                    f"({row['cpu_ms']:>6.1f} ms CPU) "
                    f"{row['queries']:>4} queries {row['kb']:>6} KB",
                    flush=True,
                )


if __name__ == "__main__":
    main()
