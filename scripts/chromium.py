"""Debian's Chromium, as the browser tests and the screenshot script start it.

Never a browser a tool downloads. Headless, without a sandbox (CI runs as root), and
without the background connections that a machine with no internet refuses.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
