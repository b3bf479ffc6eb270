"""Time the open data downloads (JSON, one CSV) at 5000 published records per kind.

    .venv/bin/python bench/open_data.py [--per-kind 5000] [--runs 3]

In-process, on the Django test client, the page cache cleared before each download (so
every run streams from the database). SQLite in a temporary directory; nothing is served
on the network. Prints records, megabytes, seconds and milliseconds per record.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from run import ROOT, base_env, fill, manage


def profile(env, runs):
    code = f"""
import time, statistics, json
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from international.kinds import KINDS
records = sum(kind.exported_queryset().count() for kind in KINDS)
client = Client()
results = {{}}
for label, path in (
    ("json", "/en/international-activity/open-data/international-activity.json"),
    ("csv", "/en/international-activity/open-data/organisations.csv"),
):
    times = []
    for _ in range({runs}):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            size = sum(len(chunk) for chunk in response.streaming_content)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200
    results[label] = {{"seconds": statistics.median(times), "bytes": size,
                      "queries": len(queries)}}
results["records"] = records
print(json.dumps(results))
"""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**env, "ALLOWED_HOSTS": "testserver"},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="keep the filled database at this path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = base_env(Path(tmp))
        if args.keep:
            env["SQLITE_PATH"] = args.keep
        if not (args.keep and Path(args.keep).exists()):
            manage(env, "migrate", "-v0")
            manage(env, "load_seed_content")
            fill(env, 0, args.per_kind)
        result = profile(env, args.runs)
    records = result["records"]
    for label in ("json", "csv"):
        row = result[label]
        count = records if label == "json" else args.per_kind
        print(
            f"{label}: {count} records, {row['bytes'] / 1e6:.1f} MB, {row['seconds']:.2f} s, "
            f"{row['seconds'] * 1000 / count:.3f} ms/record, {row['queries']} queries"
        )


if __name__ == "__main__":
    main()
