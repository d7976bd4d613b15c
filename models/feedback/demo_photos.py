"""Pictures for the demo summary, drawn here (nothing downloaded): the outing's hill with the sun,
chrysanthemums, and the works on show. The second one is stored a quarter turn round with an EXIF
orientation of 6, as a phone held upright stores it, so the demo shows photos turned upright."""
from __future__ import annotations

import math
from collections.abc import Callable

from models.feedback.photos import Pixel, write_jpeg

W, H = 256, 192  # pixels; the scenes are drawn on a 320 x 240 plan and sampled down
PLAN_W, PLAN_H = 320, 240


def _hill(x: float, y: float) -> tuple[int, int, int]:
    ridge = 150 + 40 * math.sin(x / 45) + 20 * math.sin(x / 13)
    if (x - 250) ** 2 + (y - 50) ** 2 < 22 ** 2:
        return (250, 200, 80)
    if y > ridge:
        shade = int(30 * (y - ridge) / (PLAN_H - ridge + 1))
        return (60 - shade, 130 - shade, 70 - shade)
    t = y / PLAN_H
    return (int(120 + 100 * t), int(170 + 60 * t), 240)


def _flowers(x: float, y: float) -> tuple[int, int, int]:
    for cx, cy, r, colour in ((60, 70, 32, (245, 200, 40)), (170, 110, 40, (250, 170, 50)),
                              (270, 60, 28, (240, 230, 230)), (110, 180, 30, (230, 90, 120)),
                              (240, 180, 34, (245, 210, 60))):
        d = math.hypot(x - cx, y - cy)
        if d < r:
            petals = 0.75 + 0.25 * math.cos(8 * math.atan2(y - cy, x - cx))
            if d < r * petals:
                return colour if d > r * 0.25 else (140, 90, 30)
    return (50, 120, 50)


def _works(x: float, y: float) -> tuple[int, int, int]:
    for fx, fy, fw, fh, colour in ((20, 40, 80, 110, (230, 225, 210)),
                                   (120, 30, 80, 130, (200, 60, 50)),
                                   (220, 50, 80, 100, (70, 100, 160))):
        if fx <= x < fx + fw and fy <= y < fy + fh:
            inner = fx + 6 <= x < fx + fw - 6 and fy + 6 <= y < fy + fh - 6
            return colour if inner else (110, 70, 30)
    return (235, 225, 200) if y < 190 else (150, 110, 70)


def _sampled(scene: Callable[[float, float], tuple[int, int, int]]) -> Pixel:
    return lambda x, y: scene(x * PLAN_W / W, y * PLAN_H / H)


def demo_photos() -> list[tuple[str, bytes]]:
    """(caption, JPEG bytes) of the demo's three photos."""
    # Stored turned: the picture seen upright is W x H, kept H x W turned anticlockwise, so that
    # turning it 90° clockwise (orientation 6) shows it upright: stored (x, y) is seen at
    # (W - 1 - y, x).
    flowers = _sampled(_flowers)
    turned = write_jpeg(H, W, lambda x, y: flowers(W - 1 - y, x), orientation=6)
    return [
        ("老人们结伴登山，志愿者沿途照应", write_jpeg(W, H, _sampled(_hill))),
        ("赏菊：社区花坛的秋菊", turned),
        ("“登高望远·古城变迁”作品展", write_jpeg(W, H, _sampled(_works))),
    ]
