"""Take the README's screenshots of the section from the running site, with Debian's Chromium.

Starts the site (scripts/local_site.py: gunicorn, a temporary database with the seed)
and saves four full-page PNGs in docs/screenshots/: Bulgarian and English, 1280 px
(desktop) and 375 px (mobile) wide. The images are reduced to 256 colours, which
keeps text sharp and each file small enough for the repository.

    python scripts/screenshots.py                 # or: make screenshots
    python scripts/screenshots.py --url http://127.0.0.1:8000
"""

import argparse
import io

from chromium import CHROMIUM, CHROMIUM_ARGS
from local_site import BASE_DIR, running_site
from PIL import Image
from playwright.sync_api import sync_playwright

PAGES = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}
WIDTHS = {"desktop": (1280, 800), "mobile": (375, 812)}
OUTPUT = BASE_DIR / "docs" / "screenshots"


def small_png(png):
    """Return *png* with at most 256 colours, if that is smaller."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    reduced = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    reduced.save(buffer, "PNG", optimize=True)
    return min(buffer.getvalue(), png, key=len)


def take(base_url, output=OUTPUT):
    output.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for language, path in PAGES.items():
                for name, (width, height) in WIDTHS.items():
                    context = browser.new_context(
                        base_url=base_url,
                        viewport={"width": width, "height": height},
                        locale={"bg": "bg-BG", "en": "en-GB"}[language],
                        color_scheme="light",
                    )
                    page = context.new_page()
                    page.goto(path, wait_until="networkidle")
                    file = output / f"section-{language}-{name}.png"
                    file.write_bytes(small_png(page.screenshot(full_page=True)))
                    saved.append(file)
                    context.close()
        finally:
            browser.close()
    return saved


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running site; by default one is started")
    arguments = parser.parse_args()
    if arguments.url:
        saved = take(arguments.url)
    else:
        with running_site() as base_url:
            saved = take(base_url)
    for file in saved:
        print(f"{file.relative_to(BASE_DIR)}: {file.stat().st_size / 1000:.0f} KB")


if __name__ == "__main__":
    main()
