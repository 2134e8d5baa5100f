#!/usr/bin/env python3
"""Writes the app icons (flat dark-blue tile with a light "Л") as RGBA PNGs,
plus `icon.ico` (Windows installers) and `icon.icns` (macOS bundle), both
holding PNG images as their formats allow.

Pure standard library (zlib + struct) so it runs anywhere; Tauri requires
8-bit RGBA PNGs. Usage: python3 scripts/gen-icons.py  (from the repo root)
"""
import os
import struct
import zlib

OUT = os.path.join(os.path.dirname(__file__), "..", "src-tauri", "icons")
SIZES = {"32x32.png": 32, "128x128.png": 128, "128x128@2x.png": 256, "icon.png": 512}
BG = (30, 58, 95)      # dark blue
FG = (236, 242, 250)   # near-white
SS = 4                 # supersampling per axis, for anti-aliased edges

# Convex polygons in unit coordinates forming the letter.
GLYPH = [
    [(0.30, 0.24), (0.74, 0.24), (0.74, 0.34), (0.30, 0.34)],  # top bar
    [(0.63, 0.24), (0.74, 0.24), (0.74, 0.78), (0.63, 0.78)],  # right stem
    [(0.30, 0.24), (0.41, 0.24), (0.33, 0.78), (0.20, 0.78)],  # slanted left leg
]


def in_convex(poly, x, y):
    sign = 0
    for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
        c = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1)
        if c != 0:
            if sign == 0:
                sign = 1 if c > 0 else -1
            elif (c > 0) != (sign > 0):
                return False
    return True


def in_tile(x, y, r=0.18):
    # Rounded square filling the canvas.
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def render(n):
    rows = []
    for py in range(n):
        row = bytearray([0])  # PNG filter type: none
        for px in range(n):
            tile = glyph = 0
            for sy in range(SS):
                for sx in range(SS):
                    x = (px + (sx + 0.5) / SS) / n
                    y = (py + (sy + 0.5) / SS) / n
                    if in_tile(x, y):
                        tile += 1
                        if any(in_convex(p, x, y) for p in GLYPH):
                            glyph += 1
            total = SS * SS
            if tile == 0:
                row += bytes(4)
                continue
            t = glyph / tile
            rgb = [round(b + (f - b) * t) for b, f in zip(BG, FG)]
            row += bytes(rgb + [round(255 * tile / total)])
        rows.append(bytes(row))
    return b"".join(rows)


def png(n, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)  # 8-bit, colour type 6 = RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def ico(images):
    """An ICO file of PNG images (allowed since Windows Vista); `images` is [(size, png)]."""
    head = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries = b""
    data = b""
    for n, blob in images:
        side = 0 if n >= 256 else n  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset + len(data))
        data += blob
    return head + entries + data


# ICNS element types holding PNG data, by pixel size.
ICNS_TYPES = {32: b"ic11", 64: b"ic12", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}


def icns(images):
    """An ICNS file of PNG elements; `images` is [(size, png)]."""
    body = b"".join(ICNS_TYPES[n] + struct.pack(">I", 8 + len(blob)) + blob for n, blob in images)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    made = {}
    for name, n in SIZES.items():
        made[n] = png(n, render(n))
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(made[n])
        print(f"wrote {name} ({n}x{n})")
    for n in (16, 48, 1024):
        made[n] = png(n, render(n))
    with open(os.path.join(OUT, "icon.ico"), "wb") as f:
        f.write(ico([(n, made[n]) for n in (16, 32, 48, 256)]))
    print("wrote icon.ico (16, 32, 48, 256)")
    with open(os.path.join(OUT, "icon.icns"), "wb") as f:
        f.write(icns([(n, made[n]) for n in (128, 256, 512, 1024)]))
    print("wrote icon.icns (128, 256, 512, 1024)")
