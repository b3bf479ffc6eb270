"""Measure the section page: throughput next to a minimal view, render time, query count.

    .venv/bin/python bench/run.py            # everything; writes docs/benchmarks.md
    .venv/bin/python bench/run.py --quick    # shorter runs

Needs wrk (Debian package "wrk"); installs nothing itself. Every server it starts
listens on 127.0.0.1 and is stopped at the end; every load run is bounded in time.
"""

import argparse
import contextlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(workdir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "SQLITE_PATH": str(workdir / "bench.sqlite3"),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def fill(env, start, stop):
    """Add published records numbered start..stop-1 of each kind."""
    code = f"""
from international.models import *
from django.db import transaction
n = range({start}, {stop})
with transaction.atomic():
    orgs = Organization.objects.bulk_create([Organization(name_bg=f"Организация {{i}}",
        name_en=f"Organisation {{i}}", slug_bg=f"org-{{i}}", slug_en=f"org-{{i}}", order=i,
        description_bg="<p>Описание на организацията.</p>", size_bg="38 града",
        founded_year=2003, website="https://example.org/") for i in n])
    Event.objects.bulk_create([Event(name_bg=f"Проява {{i}}", slug_bg=f"ev-{{i}}",
        slug_en=f"ev-{{i}}", order=i, organization=orgs[(i - {start}) % len(orgs)],
        place_bg="Брюксел",
        description_bg="<p>Описание.</p>") for i in n])
    programmes = Programme.objects.bulk_create([Programme(name_bg=f"Програма {{i}}",
        slug_bg=f"pr-{{i}}", slug_en=f"pr-{{i}}", order=i, funder_bg="ЕК") for i in n])
    Participation.objects.bulk_create([Participation(programme=programmes[i - {start}],
        title_bg=f"Проект {{i}}", slug_bg=f"pa-{{i}}", slug_en=f"pa-{{i}}", role="partner",
        order=i, start_year=2014) for i in n])
    cities = TwinCity.objects.bulk_create([TwinCity(name_bg=f"Град {{i}}",
        slug_bg=f"tc-{{i}}", slug_en=f"tc-{{i}}", country="GR", order=i) for i in n])
    # Visits and news (without photos: a photo needs its file and renditions on disk).
    import datetime
    Visit.objects.bulk_create([Visit(title_bg=f"Посещение {{i}}", title_en=f"Visit {{i}}",
        slug_bg=f"vi-{{i}}", slug_en=f"vi-{{i}}", order=i, kind="visit",
        date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i % 2000),
        twin_city=cities[(i - {start}) % len(cities)], text_bg="<p>Текст.</p>") for i in n])
    # Calls: half open, half closed, so the open-first order and the archive both work.
    from django.utils import timezone
    now = timezone.now()
    Call.objects.bulk_create([Call(title_bg=f"Покана {{i}}", title_en=f"Call {{i}}",
        slug_bg=f"ca-{{i}}", slug_en=f"ca-{{i}}", order=i, audience="partners",
        programme=programmes[i - {start}], eligibility_bg="<p>Общини.</p>",
        description_bg="<p>Описание.</p>",
        deadline=now + datetime.timedelta(days=(i % 200) - 100, hours=1)) for i in n])
"""
    manage(env, "shell", "-c", code)


def render_profile(env, per_kind, runs):
    """Return (median ms, queries) of a cold render of the English section page, in-process."""
    code = f"""
import time, statistics, json
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
client.get("/en/international-activity/")  # Warm-up: templates compiled, connection open.
times = []
for _ in range({runs}):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get("/en/international-activity/")
        times.append((time.perf_counter() - start) * 1000)
    assert response.status_code == 200
kb = len(response.content) / 1024
print(json.dumps({{"ms": statistics.median(times), "queries": len(queries), "kb": kb}}))
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


def start_gunicorn(env, workers, extra=()):
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bench.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            with urllib.request.urlopen(f"{base}/bench/minimal", timeout=2):
                return process, base
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def stop(process):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def wrk(url, seconds, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    p50 = re.search(r"50%\s+([\d.]+\w+)", output)[1]
    p99 = re.search(r"99%\s+([\d.]+\w+)", output)[1]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rps, "p50": p50, "p99": p99, "non2xx": int(errors[1]) if errors else 0}


#: docs/benchmarks.md below this line is written by hand; make bench leaves it as it is.
KEPT_MARKER = "<!-- Below this line: written by hand, kept by make bench. -->"


def main():
    from bench.scale import markdown, scaling_table  # It uses this module's helpers.

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter load runs")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    seconds = 5 if args.quick else 15
    runs = 3 if args.quick else 15
    workers = os.cpu_count() or 2

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = base_env(workdir)
        manage(env, "migrate", "-v0")
        manage(env, "load_seed_content")
        manage(env, "collectstatic", "--noinput", "-v0")
        loaded = 0
        for per_kind in (10, 100, 1000):
            fill(env, loaded, per_kind)
            loaded = per_kind
            profile = render_profile(env, per_kind, runs)
            rows.append((per_kind, profile))
            print(
                f"{per_kind:>5} records per kind: cold render {profile['ms']:.1f} ms, "
                f"{profile['queries']} queries, {profile['kb']:.0f} KB",
                flush=True,
            )

        # Throughput at 10 records per kind, the size of the real section.
        small = {**env, "SQLITE_PATH": str(workdir / "small.sqlite3")}
        manage(small, "migrate", "-v0")
        manage(small, "load_seed_content")
        fill(small, 0, 10)
        load = {}
        # As `make run` serves: the project's gunicorn configuration and the request log.
        as_make_run = (
            "--config",
            "python:stara_zagora.gunicorn",
            "--access-logfile",
            str(workdir / "access.log"),
        )
        for label, extra, path, arguments in (
            ("minimal Django view", {}, "/bench/minimal", ()),
            ("section page, warm (cached)", {}, "/en/international-activity/", ()),
            (
                "section page, cold (no cache)",
                {"BENCH_CACHE": "off"},
                "/en/international-activity/",
                (),
            ),
            ("minimal Django view, as make run", {}, "/bench/minimal", as_make_run),
            (
                "section page, warm, as make run (request log on)",
                {},
                "/en/international-activity/",
                as_make_run,
            ),
        ):
            process, base = start_gunicorn({**small, **extra}, workers, arguments)
            try:
                wrk(base + path, 2, 8)  # warm-up
                load[label] = wrk(base + path, seconds, 8)
            finally:
                stop(process)
            print(f"{label}: {load[label]['rps']:.0f} requests/s", flush=True)

        sizes = (10, 100, 1000) if args.quick else (10, 100, 1000, 5000)
        started = time.monotonic()
        scale = scaling_table(sizes)
        scale_minutes = (time.monotonic() - started) / 60

    minimal = load["minimal Django view"]["rps"]
    warm = load["section page, warm (cached)"]["rps"]
    served = load["section page, warm, as make run (request log on)"]["rps"]
    cpu = platform.processor() or platform.machine()
    model = ""
    with contextlib.suppress(OSError, TypeError):
        model = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())[1]
    lines = [
        "# Benchmarks",
        "",
        "Made by `bench/run.py` (`make bench`): gunicorn on 127.0.0.1 with "
        f"{workers} sync workers, SQLite, the per-process memory cache, wrk with 2 threads "
        f"and 8 connections for {seconds} s after a 2 s warm-up.",
        "",
        f"Machine: {model or cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}.",
        "",
        "## Throughput (10 records per kind plus the seed content)",
        "",
        "| what | requests/s | median latency | 99th percentile | non-2xx |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, result in load.items():
        lines.append(
            f"| {label} | {result['rps']:.0f} | {result['p50']} | {result['p99']} | "
            f"{result['non2xx']} |"
        )
    lines += [
        "",
        f"Warm section page / minimal view: **{warm / minimal:.0%}** (target: at least 70%).",
        f"Warm section page as `make run` serves it (the project's gunicorn configuration, "
        f"the request log written to a file) / minimal view: **{served / minimal:.0%}** "
        "(target: at least 90%).",
        "",
        "A warm page is answered by `international.public.caching.PublicPageCacheMiddleware`",
        "after the security, CSP, Permissions-Policy and X-Frame-Options middleware and before",
        "sessions, authentication and the rest, with one query (the content version, a primary-key",
        "SELECT on a connection kept open). The minimal view goes through every middleware.",
        "wrk and gunicorn share the machine's cores, so figures vary by a few per cent",
        "between runs.",
        "",
        "## Cold render of the English section page (in-process, cache cleared each time)",
        "",
        "| records per kind | median render | queries | page size |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for per_kind, profile in rows:
        lines.append(
            f"| {per_kind} | {profile['ms']:.1f} ms | {profile['queries']} | "
            f"{profile['kb']:.0f} KB |"
        )
    lines += [
        "",
        "Target: at most 150 ms at 1000 records per kind; the query count is constant.",
        "",
        f"Median of {runs} renders after one warm-up, on the Django test client in one",
        "process, each with the cache cleared. The section page shows at most 24 records",
        "of each kind (the three newest visits, the open calls) and links to the full",
        "lists, 48 per page, so neither its size nor its render time grows with the",
        "number of records beyond that; the query count is the same at every size.",
        "",
        "## Scaling: records per kind (in-process, cold)",
        "",
        markdown(scale),
        "",
        "Made by `bench/scale.py` (also on its own: `.venv/bin/python bench/scale.py`): each",
        "size in a throwaway SQLite database with the seed content, on Django's test client,",
        "the cache cleared before each request; the median of 3 requests (1 for each page of",
        "a sitemap index, 3 for the exports and the admin lists). Save to visible: an admin",
        "save of a twin city's English name through its change form, then the city's page",
        f"showing it. This table took {scale_minutes:.1f} minutes"
        + ("; `--quick` leaves out 5000" if args.quick else "")
        + ".",
        "",
    ]
    # What was written by hand below the marker (run-to-run notes, CI times) stays.
    output = Path(args.output)
    previous = output.read_text() if output.exists() else ""
    kept = previous[previous.index(KEPT_MARKER) :] if KEPT_MARKER in previous else ""
    output.write_text("\n".join(lines) + ("\n" + kept if kept else ""))
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()
