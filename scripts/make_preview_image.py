"""Draw the section's link-preview pictures: static/img/preview-bg.png and preview-en.png.

The picture social networks and messengers show for a page that has none of its own
(the section, the lists, the map, the forms): the section's title and the
municipality's name, in each language, on the colours of static/css/site.css, at the
1200 × 630 pixels Open Graph asks for. The words come from the message catalogues,
so the picture says what the page's og:image:alt says.

    python scripts/make_preview_image.py

Needs Pillow and the DejaVu Sans font (Debian's fonts-dejavu-core), which has Cyrillic.
"""

import os
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BASE_DIR = Path(__file__).resolve().parent.parent
OUTPUT = BASE_DIR / "static" / "img"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
WIDTH, HEIGHT = 1200, 630

# static/css/site.css: --accent (the header), --footer-bg, --header-muted, --map-partner.
ACCENT = "#0b4a8b"
NAVY = "#0a2540"
MUTED = "#d6e6f7"
PARTNER = "#9cc0e6"
WHITE = "#ffffff"


def words(language):
    """Return the title and the municipality's name in *language*, from locale/."""
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stara_zagora.settings")
    os.environ.setdefault("DEBUG", "true")
    import django
    from django.utils import translation

    django.setup()
    with translation.override(language):
        alt = translation.gettext("International activity – Stara Zagora Municipality")
    title, municipality = (part.strip() for part in alt.split("–", 1))
    return title, municipality


def fitted_font(draw, text, path, size, width):
    """Return the font at *path* no larger than *size* in which *text* fits *width*."""
    while size > 20:
        font = ImageFont.truetype(str(path), size)
        if draw.textlength(text, font=font) <= width:
            return font
        size -= 2
    return ImageFont.truetype(str(path), size)


def draw(language):
    title, municipality = words(language)
    image = Image.new("RGB", (WIDTH, HEIGHT), ACCENT)
    canvas = ImageDraw.Draw(image)
    # A globe of meridians and parallels on the right, as on the section's map.
    centre, radius = (WIDTH - 190, 240), 220
    box = [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius]
    canvas.ellipse(box, outline=PARTNER, width=4)
    for step in (0.35, 0.7):
        inset = radius * step
        canvas.ellipse([box[0] + inset, box[1], box[2] - inset, box[3]], outline=PARTNER, width=3)
    canvas.line([centre[0], box[1], centre[0], box[3]], fill=PARTNER, width=3)
    for offset in (-0.5, 0, 0.5):
        y = centre[1] + radius * offset
        half = (radius**2 - (radius * offset) ** 2) ** 0.5
        canvas.line([centre[0] - half, y, centre[0] + half, y], fill=PARTNER, width=3)
    margin = 80
    bold = FONTS / "DejaVuSans-Bold.ttf"
    regular = FONTS / "DejaVuSans.ttf"
    # The title on two lines, left of the globe: "Международна / дейност".
    lines = title.split(" ", 1) if " " in title else [title]
    room = box[0] - margin - 40
    title_font = min(
        (fitted_font(canvas, line, bold, 92, room) for line in lines), key=lambda font: font.size
    )
    y = 110
    for line in lines:
        canvas.text((margin, y), line, font=title_font, fill=WHITE)
        y += round(title_font.size * 1.2)
    canvas.rectangle([margin, y + 30, margin + 160, y + 40], fill=MUTED)
    # The band at the foot, in the footer's colour, with the municipality's name.
    band = 150
    canvas.rectangle([0, HEIGHT - band, WIDTH, HEIGHT], fill=NAVY)
    name_font = fitted_font(canvas, municipality, regular, 48, WIDTH - 2 * margin)
    canvas.text((margin, HEIGHT - band // 2), municipality, font=name_font, fill=WHITE, anchor="lm")
    path = OUTPUT / f"preview-{language}.png"
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(f"Wrote {path.relative_to(BASE_DIR)} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    for code in ("bg", "en"):
        draw(code)
