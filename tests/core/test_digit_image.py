"""MNIST-style preprocessing: area averaging against block means, the 20-pixel box, the centre of mass,
and real digits blown up, moved and inverted coming back as the network knew them."""
import numpy as np
import pytest

from core.digit_image import area_resize, bounding_box, centre_of_mass, ink_from_gray, mnist_style, preprocess
from core.mnist import load_sample, normalize_images
from core.sgd import Trainer, TrainConfig


def block_mean(image, factor):
    h, w = image.shape
    return image.reshape(h // factor, factor, w // factor, factor).mean(axis=(1, 3))


def test_area_resize_by_a_whole_factor_is_the_block_mean():
    image = np.random.default_rng(0).random((60, 40))
    assert np.allclose(area_resize(image, 12, 8), block_mean(image, 5), atol=1e-12)


@pytest.mark.parametrize("shape, out", [((7, 7), (3, 3)), ((9, 4), (6, 3)), ((5, 8), (20, 20)), ((21, 14), (20, 20))])
def test_area_resize_at_any_ratio_matches_supersampling(shape, out):
    """Each input pixel repeated k times (k = the output size) then averaged in blocks of the input
    size: the exact area average, computed independently."""
    image = np.random.default_rng(1).random(shape)
    fine = np.repeat(np.repeat(image, out[0], axis=0), out[1], axis=1)
    reference = fine.reshape(out[0], shape[0], out[1], shape[1]).mean(axis=(1, 3))
    assert np.allclose(area_resize(image, *out), reference, atol=1e-12)


def test_area_resize_keeps_the_mean_ink():
    image = np.random.default_rng(2).random((123, 77))
    assert area_resize(image, 20, 13).mean() == pytest.approx(image.mean(), rel=1e-12)


def test_the_longer_side_becomes_20_pixels_and_the_aspect_ratio_stays():
    tall = np.zeros((300, 400))
    tall[50:250, 180:230] = 1.0  # 200 x 50: a stroke four times taller than wide
    out = mnist_style(tall)
    top, bottom, left, right = bounding_box(out > 0)
    assert (bottom - top, right - left) == (20, 5)
    wide = np.zeros((50, 90))
    wide[10:22, 5:85] = 1.0  # 12 x 80 -> 3 x 20
    top, bottom, left, right = bounding_box(mnist_style(wide) > 0)
    assert (bottom - top, right - left) == (3, 20)


def test_the_centre_of_mass_lands_in_the_middle():
    ink = np.zeros((200, 200))
    ink[20:60, 150:190] = 1.0
    ink[20:180, 150:160] = 1.0  # an L-shaped, lopsided mark in a corner
    cy, cx = centre_of_mass(mnist_style(ink))
    assert abs(cy - 14) <= 0.5 and abs(cx - 14) <= 0.5


def test_mnist_digits_are_already_in_this_form():
    """A digit from MNIST passes through nearly unchanged (it was made this way)."""
    x = load_sample().x_test[:200].reshape(-1, 28, 28) / 255.0
    same = [np.corrcoef(mnist_style(img).ravel(), img.ravel())[0, 1] for img in x]
    assert np.median(same) > 0.97


@pytest.fixture(scope="module")
def book_net():
    trainer = Trainer(load_sample(), TrainConfig(iters=3000))
    trainer.run()
    return trainer.net


def test_digits_blown_up_moved_and_inverted_are_recognised_as_before(book_net):
    """200 held-out digits scaled x7, put at random places of a large light page as dark ink:
    after preprocessing the network answers as it did on the originals."""
    data = load_sample()
    rng = np.random.default_rng(3)
    originals = data.x_test[:200]
    before = book_net.predict(normalize_images(originals)).argmax(axis=1)
    after = []
    for img in originals.reshape(-1, 28, 28):
        big = np.kron(img, np.ones((7, 7), np.uint8))
        page = np.full((400, 500), 235, np.uint8)  # light grey paper
        top, left = rng.integers(0, 400 - 196), rng.integers(0, 500 - 196)
        page[top:top + 196, left:left + 196] = 235 - (big.astype(int) * 215 // 255)  # dark ink
        after.append(book_net.predict(preprocess(page).reshape(784)).argmax())
    assert np.mean(np.array(after) == before) >= 0.95


def test_ink_is_found_on_light_or_dark_paper_and_a_blank_page_is_blank():
    dark_on_light = np.full((50, 50), 250, np.uint8)
    dark_on_light[10:40, 20:25] = 10
    light_on_dark = 255 - dark_on_light
    for image in (dark_on_light, light_on_dark):
        ink = ink_from_gray(image)
        assert ink[20, 22] == 1.0 and ink[0, 0] == 0.0
    assert preprocess(np.full((30, 30), 128, np.uint8)) is None
    assert preprocess(np.zeros((5, 5))) is None
    assert not ink_from_gray(np.random.default_rng(0).integers(120, 136, (40, 40)).astype(np.uint8)).any()


def test_the_input_is_28_by_28_floats_in_0_1():
    ink = np.zeros((280, 280))
    ink[40:240, 130:150] = 1.0
    out = preprocess(1.0 - ink)
    assert out.shape == (28, 28) and out.dtype == np.float32
    assert 0.0 <= out.min() and out.max() <= 1.0 and out.max() > 0.9
    with pytest.raises(ValueError, match="2-D"):
        ink_from_gray(np.zeros((4, 4, 3)))
