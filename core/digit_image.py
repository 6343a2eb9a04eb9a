"""A digit drawn or photographed, made into a 28×28 input the way MNIST's digits were made.

MNIST's digits were size-normalised to fit a 20×20 box, keeping their aspect ratio
(anti-aliasing gives the grey edges), then placed in a 28×28 field so that their centre
of mass sits in the middle (index 14, 14 on average in the data).  ``mnist_style`` does
the same to any image of ink: crop to the ink's bounding box, scale the longer side to
20 pixels by area averaging, centre by the centre of mass.
"""
import numpy as np

SIZE, BOX, CENTRE = 28, 20, 14.0
NOISE = 0.15      # ink below this (after contrast stretch) is paper texture, not stroke
MIN_CONTRAST = 0.1  # darkest ink minus background below this: nothing is written


def ink_from_gray(gray):
    """Gray levels (H, W) (uint8 0-255 or floats 0-1) -> ink (H, W) float32 in [0, 1], 1 = full ink.

    Dark ink on light paper is inverted (the border tells which is the paper); the
    paper's level is subtracted, the strongest ink stretched to 1, and what stays below
    NOISE is set to 0.  A blank image gives all zeros.
    """
    g = np.asarray(gray)
    if g.ndim != 2 or min(g.shape) < 1:
        raise ValueError(f"gray must be a 2-D image; got shape {g.shape}")
    g = g.astype(np.float32) / (255.0 if g.dtype == np.uint8 else 1.0)
    border = np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]])
    paper = float(np.median(border))
    ink = 1.0 - g if paper > 0.5 else g  # the border is paper: light paper means dark ink
    background = 1.0 - paper if paper > 0.5 else paper
    strongest = float(ink.max())
    if strongest - background < MIN_CONTRAST:
        return np.zeros_like(ink)
    ink = np.clip((ink - background) / (strongest - background), 0.0, 1.0)
    ink[ink < NOISE] = 0.0
    return ink


def bounding_box(ink):
    """(top, bottom, left, right), bottom and right exclusive, of the pixels > 0; None if there are none."""
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def _area_matrix(n_in, n_out):
    """(n_out, n_in): row i holds the share of each input pixel in output pixel i.

    Output pixel i covers [i, i + 1) * n_in / n_out in input coordinates; its value is the
    mean of the input over that interval, so each weight is an overlap length / interval length.
    """
    step = n_in / n_out
    lo = np.arange(n_out)[:, None] * step
    k = np.arange(n_in)[None, :]
    overlap = np.clip(np.minimum(lo + step, k + 1) - np.maximum(lo, k), 0.0, None)
    return overlap / step


def area_resize(image, height, width):
    """Resample image (H, W) to (height, width) by area averaging (exact for any ratio).

    Each output pixel is the mean of the input over the rectangle it covers, which is
    how a scanner or camera of lower resolution would have seen it: (Ry @ image @ Rx.T)
    with Ry (height, H) and Rx (width, W) from ``_area_matrix``.
    """
    image = np.asarray(image, dtype=np.float64)
    return _area_matrix(image.shape[0], height) @ image @ _area_matrix(image.shape[1], width).T


def centre_of_mass(image):
    """(row, column) of the image's centre of mass, in pixel indices."""
    total = image.sum()
    rows, cols = np.arange(image.shape[0]), np.arange(image.shape[1])
    return float(image.sum(axis=1) @ rows / total), float(image.sum(axis=0) @ cols / total)


def mnist_style(ink):
    """Ink (H, W) in [0, 1] -> the (28, 28) float32 image MNIST would have made of it, or None if blank.

    Crop to the bounding box of the ink, scale so that the longer side is 20 pixels (the
    other keeps the aspect ratio, at least 1 pixel) by area averaging, and place the result
    in 28×28 shifted by whole pixels so that its centre of mass is nearest (14, 14).
    """
    ink = np.asarray(ink, dtype=np.float64)
    box = bounding_box(ink > 0)
    if box is None:
        return None
    top, bottom, left, right = box
    crop = ink[top:bottom, left:right]
    h, w = crop.shape
    scale = BOX / max(h, w)
    small = area_resize(crop, max(1, round(h * scale)), max(1, round(w * scale)))
    cy, cx = centre_of_mass(small)
    # top-left corner that puts the centre of mass nearest the field's centre (kept inside the field)
    y0 = int(np.clip(np.round(CENTRE - cy), 0, SIZE - small.shape[0]))
    x0 = int(np.clip(np.round(CENTRE - cx), 0, SIZE - small.shape[1]))
    out = np.zeros((SIZE, SIZE), dtype=np.float32)
    out[y0:y0 + small.shape[0], x0:x0 + small.shape[1]] = np.clip(small, 0.0, 1.0)
    return out


def preprocess(gray):
    """Gray levels (H, W) of a digit on paper or screen -> (28, 28) float32 network input, or None if blank."""
    return mnist_style(ink_from_gray(gray))
