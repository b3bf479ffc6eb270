"""Make world.json, the map's country outlines, from Natural Earth's 110m countries.

Natural Earth (naturalearthdata.com) is in the public domain. The input is the
"admin 0 countries" shapefile at 1:110m, as geopandas 0.14 ships it in
geopandas/datasets/naturalearth_lowres/ (Crimea drawn as part of Ukraine).
Antarctica is left out; rings are simplified (Douglas-Peucker) and stored as
whole tenths of a degree, [lon, lat, lon, lat, ...].

    DJANGO_SETTINGS_MODULE=tests.settings python international/publishing/data/make_world.py \
        path/to/naturalearth_lowres.shp
"""

import json
import struct
import sys
from itertools import pairwise
from pathlib import Path

TOLERANCE = 0.12  # degrees; Natural Earth 1:110m is already coarse.
MINIMUM_AREA = 0.6  # square degrees; smaller islands are invisible at this scale.


def read_dbf(path):
    """Return the records of a dBase III file as dicts, decoded as its .cpg file says."""
    data = Path(path).read_bytes()
    codepage = Path(path).with_suffix(".cpg")
    encoding = codepage.read_text().strip() if codepage.exists() else "latin-1"
    count, header_size, record_size = struct.unpack("<IHH", data[4:12])
    fields, offset = [], 32
    while data[offset] != 0x0D:
        name = data[offset : offset + 11].split(b"\0")[0].decode()
        fields.append((name, data[offset + 16]))
        offset += 32
    records = []
    for index in range(count):
        start = header_size + index * record_size + 1  # skip the deletion flag
        record = {}
        for name, size in fields:
            record[name] = data[start : start + size].decode(encoding).strip()
            start += size
        records.append(record)
    return records


def read_polygons(path):
    """Yield each shape of a polygon shapefile as a list of rings of (lon, lat)."""
    data = Path(path).read_bytes()
    offset = 100
    while offset < len(data):
        _number, length = struct.unpack(">II", data[offset : offset + 8])
        content = data[offset + 8 : offset + 8 + length * 2]
        offset += 8 + length * 2
        if struct.unpack("<i", content[:4])[0] != 5:
            yield []
            continue
        parts_count, points_count = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{parts_count}i", content[44 : 44 + 4 * parts_count]))
        start = 44 + 4 * parts_count
        points = [
            struct.unpack("<dd", content[start + 16 * i : start + 16 * i + 16])
            for i in range(points_count)
        ]
        parts.append(points_count)
        yield [points[parts[i] : parts[i + 1]] for i in range(parts_count)]


def simplify(points, tolerance):
    """Return *points* simplified with the Douglas-Peucker algorithm."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5
    farthest, distance = 0, -1.0
    for index in range(1, len(points) - 1):
        x, y = points[index]
        if length:
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
        else:
            d = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if d > distance:
            farthest, distance = index, d
    if distance <= tolerance:
        return [points[0], points[-1]]
    left = simplify(points[: farthest + 1], tolerance)
    return left[:-1] + simplify(points[farthest:], tolerance)


def area(ring):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring))) / 2


def main(shapefile):
    import django

    django.setup()
    from django_countries import countries

    records = read_dbf(Path(shapefile).with_suffix(".dbf"))
    output = []
    for record, rings in zip(records, read_polygons(shapefile), strict=True):
        if record["continent"] == "Antarctica":
            continue
        kept = []
        for ring in rings:
            if area(ring) < MINIMUM_AREA:
                continue
            # A closed ring simplifies badly from one end to the same end: split it.
            half = len(ring) // 2
            simple = simplify(ring[: half + 1], TOLERANCE)[:-1] + simplify(ring[half:], TOLERANCE)
            flat = []
            for lon, lat in simple[:-1]:
                point = [round(lon * 10), round(lat * 10)]
                if flat[-2:] != point:
                    flat += point
            if len(flat) >= 6:
                kept.append(flat)
        if kept:
            code = countries.alpha2(record["iso_a3"]) or ""
            output.append({"country": code, "name": record["name"], "rings": kept})
    world = {
        "source": "Natural Earth, 1:110m Cultural Vectors, Admin 0 – Countries",
        "licence": "Public domain (https://www.naturalearthdata.com/about/terms-of-use/)",
        "units": "tenths of a degree: [lon, lat, lon, lat, ...]",
        "countries": output,
    }
    target = Path(__file__).with_name("world.json")
    target.write_text(json.dumps(world, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"Wrote {target}: {target.stat().st_size} bytes, {len(output)} countries")


if __name__ == "__main__":
    main(sys.argv[1])
