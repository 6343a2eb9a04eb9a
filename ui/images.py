"""Images in and out of the inside page: a PNG or JPEG someone hands in, decoded safely with Pillow,
and arrays composed into one PNG (a gallery of digits, a grid of weight tiles) to send at once.

An uploaded file is checked before it is decoded: its size, its format (PNG and JPEG only:
no other Pillow decoder ever sees it) and its declared width × height (a 1 MB PNG can
declare a billion pixels: a decompression bomb).  Animated, 16-bit and transparent images
are decoded in a defined way and said so.
"""
import base64
import io

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps

MAX_IMAGE_BYTES = 1 << 20        # an uploaded digit image
MAX_PIXELS = 16_000_000          # declared width x height; more is refused undecoded
WORK_SIDE = 1024                 # larger images are box-reduced to about this before the NumPy work


class ImageRefused(ValueError):
    """reason: empty, too_large, not_image, too_many_pixels, bomb or broken; details for the message."""

    def __init__(self, reason, **details):
        super().__init__(f"{reason} {details}")
        self.reason, self.details = reason, details


def _flatten_alpha(img, notes):
    """RGBA -> RGB on a background that contrasts with the ink (white under dark ink, black under light)."""
    rgba = np.asarray(img.convert("RGBA"), dtype=np.float32) / 255.0
    alpha = rgba[..., 3:]
    if alpha.min() >= 1.0:
        return img.convert("RGB")
    luminance = rgba[..., :3] @ np.array([0.299, 0.587, 0.114], np.float32)
    weight = alpha[..., 0]
    ink_is_dark = (luminance * weight).sum() / max(weight.sum(), 1e-6) < 0.5
    background = 1.0 if ink_is_dark else 0.0
    notes.append(("transparent", {"background": "white" if ink_is_dark else "black"}))
    rgb = rgba[..., :3] * alpha + background * (1.0 - alpha)
    return Image.fromarray(np.round(rgb * 255).astype(np.uint8), "RGB")


def _to_gray(img, notes):
    """Any decoded mode -> (H, W) uint8 gray levels."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        a = np.asarray(img, dtype=np.float64)
        if img.mode != "F" and (img.mode.startswith("I;16") or a.max() > 255):
            notes.append(("deep", {}))
            a = a / 257.0  # 0-65535 -> 0-255
        return np.clip(np.round(a), 0, 255).astype(np.uint8)
    if img.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (img.mode == "P" and "transparency" in img.info) \
            or (img.mode in ("RGB", "L") and "transparency" in img.info):
        img = _flatten_alpha(img, notes)
    return np.asarray(img.convert("L"), dtype=np.uint8)


def decode_digit_image(data):
    """(gray (H, W) uint8, notes) of a PNG or JPEG's bytes, or ImageRefused naming the reason.

    notes : [(kind, details)] for what was done to a special image: "animated" (first frame),
    "deep" (16-bit scaled to 8), "transparent" (put on a contrasting background).
    """
    if len(data) == 0:
        raise ImageRefused("empty")
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageRefused("too_large", size_mb=len(data) / 2**20)
    notes = []
    try:
        img = Image.open(io.BytesIO(data), formats=["PNG", "JPEG"])  # reads the header only
        width, height = img.size
        if width * height > MAX_PIXELS:
            raise ImageRefused("too_many_pixels", width=width, height=height, limit=MAX_PIXELS // 1_000_000)
        if getattr(img, "n_frames", 1) > 1:
            notes.append(("animated", {}))
            img.seek(0)
        if img.format == "JPEG":
            img.draft("L", (WORK_SIDE, WORK_SIDE))  # decode at 1/2, 1/4 or 1/8 size when that is enough
            img = ImageOps.exif_transpose(img)
        img.load()
        gray = _to_gray(img, notes)
    except ImageRefused:
        raise
    except Image.UnidentifiedImageError as err:
        raise ImageRefused("not_image") from err
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:  # Pillow's own limit, at open
        raise ImageRefused("bomb", limit=MAX_PIXELS // 1_000_000) from err
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as err:
        raise ImageRefused("broken") from err
    factor = -(-max(gray.shape) // WORK_SIDE)
    if factor > 1:  # box reduction: the area average the preprocessing does anyway, on fewer pixels
        gray = np.asarray(Image.fromarray(gray).reduce(factor))
    return gray, notes


def png(rgb):
    """PNG bytes of an (H, W) or (H, W, 3) uint8 array."""
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="PNG", optimize=False, compress_level=6)
    return buf.getvalue()


INLINE_MAX = 12 * 1024  # PNG bytes: a small picture travels inside the page's own message


def for_page(picture):
    """What ``st.image`` is handed for an (H, W[, 3]) uint8 array or PNG bytes.

    A small picture (a digit, a batch, a colour bar: up to INLINE_MAX bytes of PNG) becomes a
    ``data:`` URL, sent inside the page's message.  Handed over as an array it would be a file the
    browser fetches afterwards, and Streamlit deletes a run's files when a following run stops
    before drawing them: the fetch then answers 404, the thumbnail stays broken, and a later run
    with the same picture sends the same address, which the browser does not ask for again.
    A large picture (a grid of weight tiles) stays a file: as a data URL it would be sent again
    on every rerun.
    """
    data = picture if isinstance(picture, bytes) else png(np.ascontiguousarray(picture))
    if len(data) > INLINE_MAX:
        return data
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def upscale(image, factor):
    """Nearest-neighbour enlargement of (H, W[, 3]) by a whole factor (crisp pixels)."""
    return np.repeat(np.repeat(image, factor, axis=0), factor, axis=1)


# blue (negative) - white (0) - red (positive), as the gradient maps of 4.4.2
_STOPS = np.array([[33, 102, 172], [146, 197, 222], [247, 247, 247], [244, 165, 130], [178, 24, 43]], np.float64)


def diverging(values, extent):
    """values (...) -> RGB uint8 (..., 3): -extent blue, 0 white, +extent red, clipped beyond."""
    x = np.clip(np.asarray(values, dtype=np.float64) / extent, -1.0, 1.0)
    pos = (x + 1.0) * 0.5 * (len(_STOPS) - 1)
    low = np.minimum(pos.astype(int), len(_STOPS) - 2)
    frac = (pos - low)[..., None]
    return np.round(_STOPS[low] * (1 - frac) + _STOPS[low + 1] * frac).astype(np.uint8)


def tiles(columns_of_w1, extent, columns=10, zoom=3, gap=2):
    """W1's columns (784, n) as one RGB image of n 28x28 tiles on a shared diverging scale."""
    n = columns_of_w1.shape[1]
    rows = -(-n // columns)
    side = 28 * zoom
    out = np.full((rows * (side + gap) - gap, min(n, columns) * (side + gap) - gap, 3), 255, np.uint8)
    coloured = diverging(columns_of_w1.T.reshape(n, 28, 28), extent)
    for k in range(n):
        r, c = divmod(k, columns)
        out[r * (side + gap):r * (side + gap) + side, c * (side + gap):c * (side + gap) + side] = \
            upscale(coloured[k], zoom)
    return out


def colour_bar(extent, width=300, height=14):
    """The diverging scale as a bar, -extent at the left, +extent at the right."""
    return np.repeat(diverging(np.linspace(-extent, extent, width), extent)[None], height, axis=0)


_FONT = {}


def _font(size):
    if size not in _FONT:
        _FONT[size] = ImageFont.load_default(size=size)
    return _FONT[size]


RIGHT, WRONG, TEXT = (0, 120, 60), (200, 30, 30), (40, 40, 40)


def _arrow(draw, x, y, colour):
    draw.line([(x, y), (x + 10, y)], fill=colour, width=1)
    draw.polygon([(x + 10, y - 3), (x + 14, y), (x + 10, y + 3)], fill=colour)


def gallery(images, headings, lines, columns=8, zoom=2):
    """One RGB image of digits: each a (28, 28) uint8 image enlarged, a heading above and text lines beside.

    headings : [(true, answer)] drawn as "true -> answer" (green when equal, red when not), or [None]
    lines : [[str, ...]] up to 3 short lines per digit (ASCII: digits, "%", ".").
    """
    side, text_w, head = 28 * zoom, 60, 18
    cell_w, cell_h = side + text_w + 10, side + head + 8
    n = len(images)
    rows = max(1, -(-n // columns))
    canvas = Image.new("RGB", (min(max(n, 1), columns) * cell_w, rows * cell_h), "white")
    draw = ImageDraw.Draw(canvas)
    font, small = _font(15), _font(13)
    for k, image in enumerate(images):
        r, c = divmod(k, columns)
        x, y = c * cell_w + 2, r * cell_h + 2
        if headings[k] is not None:
            true, answer = headings[k]
            colour = RIGHT if true == answer else WRONG
            draw.text((x, y), str(true), font=font, fill=TEXT)
            _arrow(draw, x + 12, y + 9, colour)
            draw.text((x + 30, y), str(answer), font=font, fill=colour)
        canvas.paste(Image.fromarray(upscale(255 - image, zoom)), (x, y + head))
        for i, line in enumerate(lines[k][:3]):
            draw.text((x + side + 5, y + head + 2 + 16 * i), line, font=small, fill=TEXT)
    return np.asarray(canvas)
