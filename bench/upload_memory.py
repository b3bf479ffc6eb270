"""Measure the memory one image upload takes: checking it, cleaning it, making its renditions.

    .venv/bin/python bench/upload_memory.py

Each case runs in a process of its own, so that one case's peak does not hide the next
one's: the process imports Django and Pillow, reads the file, notes its resident size
(VmRSS) and starts its peak (VmHWM) again from there (Linux's /proc/self/clear_refs),
checks the upload as the admin does, re-encodes it, makes every rendition into a
temporary folder, and reads its peak. The difference is what the upload added at its
peak. The files are made here, in this process, before any case runs. Prints a
Markdown table; installs nothing and opens no network connection.
"""

import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent

#: Runs in the case's process: argv[1] is the file, argv[2] a folder for the renditions.
MEASURE = """
import json, sys, time
import django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from international.media import renditions
from international.media.validation import check_upload

def status(field):
    with open("/proc/self/status") as file:
        return int(file.read().split(field + ":")[1].split()[0])  # kB

data = open(sys.argv[1], "rb").read()
upload = SimpleUploadedFile(sys.argv[1].rsplit("/", 1)[-1], data)
with open("/proc/self/clear_refs", "w") as file:
    file.write("5")  # Linux: the peak resident size (VmHWM) starts again from now
before = status("VmRSS")
start = time.perf_counter()
try:
    cleaned = renditions.clean_upload(check_upload(upload))
    storage = FileSystemStorage(location=sys.argv[2])
    storage.save(cleaned.name, cleaned.content)
    written = renditions.make_renditions(
        cleaned.name, cleaned.content_hash, storage=storage,
        source=cleaned.rendition_source, size=(cleaned.width, cleaned.height),
    )
    outcome = f"accepted, {len(written)} renditions"
except ValidationError as error:
    outcome = "refused: " + error.code
seconds = time.perf_counter() - start
print(json.dumps({
    "extra_mb": (status("VmHWM") - before) / 1024, "seconds": seconds, "outcome": outcome,
}))
"""


def encoded(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def gradient(mode, size):
    """Return an image of smooth gradients: large in pixels, small as a file."""
    horizontal = Image.linear_gradient("L").resize(size)
    vertical = horizontal.transpose(Image.Transpose.ROTATE_90)
    bands = {"L": [horizontal], "RGB": [horizontal, vertical, horizontal]}
    bands["RGBA"] = [*bands["RGB"], vertical]
    return Image.merge(mode, bands[mode])


def sideways_exif():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; the image is turned upright.
    return exif


# The largest images the memory limit accepts (100 MiB: 8 bytes a pixel for colour, with
# or without transparency, 5 for greyscale; 8 more for WebP, 24 for AVIF), and the bomb
# of issue 12.
COLOUR = (3620, 3620)  # 13.1 MP
CASES = {
    "PNG, colour, 3620 × 3620 (13.1 MP, the largest accepted)": lambda: encoded(
        gradient("RGB", COLOUR), "PNG"
    ),
    "PNG, colour with transparency, 3620 × 3620": lambda: encoded(gradient("RGBA", COLOUR), "PNG"),
    "PNG, greyscale, 5120 × 4096 (20.97 MP, the largest accepted)": lambda: encoded(
        gradient("L", (5120, 4096)), "PNG"
    ),
    "JPEG, colour, 3620 × 3620, taken sideways (EXIF orientation 6)": lambda: encoded(
        gradient("RGB", COLOUR), "JPEG", quality=90, exif=sideways_exif()
    ),
    "WebP, colour, 2560 × 2560 (6.55 MP, the largest accepted)": lambda: encoded(
        gradient("RGB", (2560, 2560)), "WEBP"
    ),
    "AVIF, colour, 1810 × 1810 (3.28 MP, the largest accepted)": lambda: encoded(
        gradient("RGB", (1810, 1810)), "AVIF"
    ),
    "PNG bomb, colour, 6300 × 6300 (39.7 MP, refused)": lambda: encoded(
        Image.new("RGB", (6300, 6300), (200, 30, 30)), "PNG"
    ),
}


def measure(path, workdir):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "stara_zagora.settings", "DEBUG": "true"}
    env.setdefault("SECRET_KEY", "bench-only")
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), str(workdir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    print("| upload | file size | outcome | extra peak memory | time |")
    print("| --- | ---: | --- | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, make) in enumerate(CASES.items()):
            extension = name.split(",")[0].split()[0].lower().replace("jpeg", "jpg")
            path = Path(folder, f"case{number}.{extension}")
            path.write_bytes(make())
            workdir = Path(folder, f"media{number}")
            figures = measure(path, workdir)
            print(
                f"| {name} | {path.stat().st_size / 1024:.0f} KB | {figures['outcome']} "
                f"| {figures['extra_mb']:.0f} MB | {figures['seconds']:.1f} s |"
            )


if __name__ == "__main__":
    main()
