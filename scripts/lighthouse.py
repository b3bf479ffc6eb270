"""Score public pages with Lighthouse's SEO audits, mobile and desktop, into docs/findability.md.

The pages: the section, one page of each kind of record, a list page and the accessibility
statement, in both languages, found in the sitemaps that the site's sitemap.xml (an index)
names (scripts/sitemap_index.py). Lighthouse (node_modules, `npm ci --ignore-scripts`)
drives Debian's Chromium (CHROME_PATH, /usr/bin/chromium by default) against the site as
in production on 127.0.0.1 (scripts/local_site.py).

    python scripts/lighthouse.py                # starts the site itself (make lighthouse)
    python scripts/lighthouse.py --url http://127.0.0.1:8000 --no-write

Exits with status 1 if a page scores under 100.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
DOCUMENT = BASE_DIR / "docs" / "findability.md"
SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}
STATEMENT = {"bg": "/bg/dostapnost/", "en": "/en/accessibility/"}
FORMS = ("mobile", "desktop")
#: Where the table of scores is in the document: between these two lines.
BEGIN, END = "<!-- lighthouse:begin -->", "<!-- lighthouse:end -->"


def audit(url, form="mobile"):
    """Return (score 0–1, [titles of the failed audits]) of Lighthouse's SEO category at *url*."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        command = [
            str(LIGHTHOUSE), url, "--only-categories=seo", "--output=json",
            f"--output-path={folder}/report.json", "--quiet",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
        ]  # fmt: skip
        if form == "desktop":
            command.append("--preset=desktop")
        environment = {
            **os.environ,
            "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        }
        subprocess.run(command, check=True, env=environment, timeout=120)
        report = json.loads(Path(folder, "report.json").read_text())
    category = report["categories"]["seo"]
    failed = [
        report["audits"][ref["id"]]["title"]
        for ref in category["auditRefs"]
        if ref["weight"] and report["audits"][ref["id"]]["score"] not in (1, None)
    ]
    return category["score"], failed


def pages(base_url):
    """Return [(what, path)]: the section, a page of each kind, a list, the statement, bg and en."""
    from sitemap_index import page_addresses, path_of  # run as a script, from scripts/

    def get(address):  # a path, or a <loc> of the index: read on the site at *base_url*
        with urllib.request.urlopen(urljoin(base_url, path_of(address)), timeout=30) as r:
            return r.read()

    paths = [urlsplit(address).path for address in page_addresses(get)]
    chosen = []
    for language, section in SECTION.items():
        chosen.append((f"section ({language})", section))
        below = [
            path.removeprefix(section).strip("/").split("/")
            for path in paths
            if path.startswith(section)
        ]
        lists = [parts[0] for parts in below if len(parts) == 1 and parts[0]]
        kinds = {}
        for parts in below:
            if len(parts) >= 2 and parts[0] not in kinds:
                kinds[parts[0]] = f"{section}{'/'.join(parts)}/"
        if lists:
            chosen.append((f"list ({language})", f"{section}{lists[0]}/"))
        for segment, path in kinds.items():
            chosen.append((f"{segment} ({language})", path))
        chosen.append((f"accessibility statement ({language})", STATEMENT[language]))
    return chosen


def score_table(base_url):
    rows, lowest = [], 1
    for what, path in pages(base_url):
        scores = []
        for form in FORMS:
            score, failed = audit(urljoin(base_url, path), form)
            lowest = min(lowest, score)
            scores.append(f"{round(score * 100)}" + (f" ({'; '.join(failed)})" if failed else ""))
            print(f"{form:8} {round(score * 100):3}  {path}  {'; '.join(failed)}", flush=True)
        rows.append(f"| {what} | `{path}` | {' | '.join(scores)} |")
    table = [
        f"Lighthouse {lighthouse_version()} SEO, {datetime.date.today().isoformat()}:",
        "",
        "| page | address | mobile | desktop |",
        "|---|---|---|---|",
        *rows,
    ]
    return "\n".join(table), lowest


def lighthouse_version():
    package = BASE_DIR / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


def write(table):
    text = DOCUMENT.read_text()
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    DOCUMENT.write_text(f"{text[:start]}\n{table}\n{text[end:]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running site; by default one is started")
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    arguments = parser.parse_args()
    from local_site import running_site  # run as a script, from scripts/

    if arguments.url:
        table, lowest = score_table(arguments.url)
    else:
        with running_site() as base_url:
            table, lowest = score_table(base_url)
    print(table)
    if not arguments.no_write:
        write(table)
    sys.exit(0 if lowest == 1 else 1)


if __name__ == "__main__":
    main()
