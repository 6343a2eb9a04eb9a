"""A picture for a chart as a PNG data URL (Vega-Lite draws it with an ``image`` mark).

A heat map of n x n cells costs the browser n² marks and the network n² rows of data; the
same colours as one small PNG cost a few kilobytes and one mark.  The PNG is written with
zlib (palette colours, one byte per pixel), so no imaging library is needed.
"""
import base64
import struct
import zlib

import numpy as np


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png_data_url(indices, colours):
    """A palette PNG as a ``data:image/png;base64,...`` URL.

    indices : (rows, columns) integers, row 0 at the top; -1 is a transparent pixel,
        k >= 0 the colour ``colours[k]``.
    colours : at most 255 "#rrggbb" strings.
    """
    indices = np.asarray(indices)
    if len(colours) > 255:
        raise ValueError("a palette PNG holds at most 255 colours and the transparent one")
    rows, columns = indices.shape
    palette = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in colours] + [(255, 255, 255)]
    transparent = len(colours)
    pixels = np.where(indices < 0, transparent, indices).astype(np.uint8)
    raw = np.hstack([np.zeros((rows, 1), np.uint8), pixels]).tobytes()  # filter byte 0 before each row
    png = (b"\x89PNG\r\n\x1a\n"
           + _chunk(b"IHDR", struct.pack(">IIBBBBB", columns, rows, 8, 3, 0, 0, 0))
           + _chunk(b"PLTE", bytes(v for rgb in palette for v in rgb))
           + _chunk(b"tRNS", bytes([255] * len(colours) + [0]))
           + _chunk(b"IDAT", zlib.compress(raw, 9))
           + _chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
