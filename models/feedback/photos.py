"""Photos for the summary: a JPEG's pixel size and EXIF orientation read straight from its bytes
(no imaging library: reportlab embeds a JPEG as it is, and turning it upright is a transform of
the page, see exporters/feedback/summary_pdf.py), and a small baseline JPEG writer used by the demo
and the tests to make pictures (models.feedback.demo_photos).

EXIF orientation (tag 0x0112): 1 upright, 2 mirrored, 3 upside down, 4 mirrored upside down,
5..8 turned a quarter (6: turn 90° clockwise to view, 8: 90° anticlockwise; 5 and 7 mirrored).
"""
from __future__ import annotations

import math
import struct
from collections.abc import Callable
from dataclasses import dataclass

from models.common.errors import UserError

MAX_BYTES = 15 * 1024 * 1024
SOF_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class PhotoError(UserError, ValueError):
    """A file that cannot go into the summary as a photo."""


@dataclass(frozen=True)
class JpegInfo:
    width: int  # as stored
    height: int
    orientation: int  # 1..8

    @property
    def quarter_turn(self) -> bool:
        return self.orientation in (5, 6, 7, 8)

    @property
    def upright_size(self) -> tuple[int, int]:
        """(width, height) as the photo is seen."""
        return (self.height, self.width) if self.quarter_turn else (self.width, self.height)


def _exif_orientation(app1: bytes) -> int:
    if not app1.startswith(b"Exif\0\0") or len(app1) < 14:
        return 1
    tiff = app1[6:]
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return 1
    try:
        (ifd,) = struct.unpack(order + "I", tiff[4:8])
        (count,) = struct.unpack(order + "H", tiff[ifd:ifd + 2])
        for i in range(count):
            at = ifd + 2 + 12 * i
            tag, kind, _n = struct.unpack(order + "HHI", tiff[at:at + 8])
            if tag == 0x0112 and kind == 3:  # SHORT
                (value,) = struct.unpack(order + "H", tiff[at + 8:at + 10])
                return value if 1 <= value <= 8 else 1
    except struct.error:
        return 1
    return 1


def jpeg_info(data: bytes, name: str = "照片") -> JpegInfo:
    """Size and orientation of a JPEG, or PhotoError in plain words."""
    if len(data) > MAX_BYTES:
        raise PhotoError(f"“{name}”超过 15 MB，请先用手机或电脑把照片缩小后再选。")
    if not data.startswith(b"\xff\xd8"):
        raise PhotoError(f"“{name}”不是 JPEG 照片（.jpg）。请选用相机或手机拍的 .jpg 照片。")
    at, orientation = 2, 1
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            break
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        (length,) = struct.unpack(">H", data[at + 2:at + 4])
        segment = data[at + 4:at + 2 + length]
        if marker == 0xE1:
            orientation = _exif_orientation(segment) if orientation == 1 else orientation
        elif marker in SOF_MARKERS and len(segment) >= 5:
            height, width = struct.unpack(">HH", segment[1:5])
            if width and height:
                return JpegInfo(width, height, orientation)
            break
        elif marker == 0xDA:
            break
        at += 2 + length
    raise PhotoError(f"“{name}”读不出照片的大小，文件可能已损坏。")


# --- a small baseline JPEG writer (demo pictures and tests) -----------------------------------

ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41,
          34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30,
          37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63]
# Our own Huffman tables (any complete-enough table is valid): DC categories 0..11 four bits
# each; every AC symbol (EOB, ZRL, run/size 0..15 x 1..10) eight bits.
DC_SYMBOLS = list(range(12))
AC_SYMBOLS = [0x00, 0xF0] + [(r << 4) | s for r in range(16) for s in range(1, 11)]
DC_CODE = {s: (i, 4) for i, s in enumerate(DC_SYMBOLS)}
AC_CODE = {s: (i, 8) for i, s in enumerate(AC_SYMBOLS)}
LUMA_Q = 5
CHROMA_Q = 8
_COS = [[(math.sqrt(0.125) if u == 0 else 0.5) * math.cos((2 * x + 1) * u * math.pi / 16)
         for x in range(8)] for u in range(8)]

Pixel = Callable[[int, int], tuple[int, int, int]]


class _Bits:
    def __init__(self) -> None:
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def put(self, value: int, length: int) -> None:
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> i) & 1)
            self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)
                self.acc = self.n = 0

    def flush(self) -> bytes:
        while self.n:
            self.put(1, 1)
        return bytes(self.out)


def _category(v: int) -> tuple[int, int]:
    size = abs(v).bit_length()
    return size, (v if v >= 0 else v + (1 << size) - 1)


def _dct(block: list[float]) -> list[float]:
    rows = [[sum(_COS[u][x] * block[y * 8 + x] for x in range(8)) for u in range(8)]
            for y in range(8)]
    return [sum(_COS[v][y] * rows[y][u] for y in range(8)) for v in range(8) for u in range(8)]


def _block(bits: _Bits, coeffs: list[int], prev_dc: int) -> int:
    size, extra = _category(coeffs[0] - prev_dc)
    bits.put(*DC_CODE[size])
    bits.put(extra, size)
    run = 0
    last = max((k for k in range(1, 64) if coeffs[ZIGZAG[k]]), default=0)
    for k in range(1, last + 1):
        c = coeffs[ZIGZAG[k]]
        if not c:
            run += 1
            continue
        while run > 15:
            bits.put(*AC_CODE[0xF0])
            run -= 16
        size, extra = _category(c)
        bits.put(*AC_CODE[(run << 4) | size])
        bits.put(extra, size)
        run = 0
    if last < 63:
        bits.put(*AC_CODE[0x00])
    return coeffs[0]


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def exif_segment(orientation: int) -> bytes:
    """An APP1 EXIF segment holding only the orientation tag (little-endian TIFF)."""
    tiff = b"II*\0" + struct.pack("<I", 8) + struct.pack("<H", 1) + struct.pack(
        "<HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack("<I", 0)
    return _segment(0xE1, b"Exif\0\0" + tiff)


def write_jpeg(width: int, height: int, pixel: Pixel, orientation: int = 1) -> bytes:
    """A baseline colour JPEG (4:4:4) of pixel(x, y) -> (r, g, b); sizes multiples of 8. Colour is
    kept per 8x8 block (chroma DC only), brightness in full."""
    if width % 8 or height % 8:
        raise ValueError("width and height must be multiples of 8")
    bits = _Bits()
    prev = [0, 0, 0]
    for by in range(0, height, 8):
        for bx in range(0, width, 8):
            ys: list[float] = []
            cb = cr = 0.0
            for y in range(by, by + 8):
                for x in range(bx, bx + 8):
                    r, g, b = pixel(x, y)
                    ys.append(0.299 * r + 0.587 * g + 0.114 * b - 128)
                    cb += -0.168736 * r - 0.331264 * g + 0.5 * b
                    cr += 0.5 * r - 0.418688 * g - 0.081312 * b
            if max(ys) - min(ys) < 1:  # a flat block: its DC alone (a quarter of the work saved)
                luma = [round(sum(ys) / 8 / LUMA_Q)] + [0] * 63
            else:
                luma = [round(c / LUMA_Q) for c in _dct(ys)]
            prev[0] = _block(bits, luma, prev[0])
            for i, total in ((1, cb), (2, cr)):
                dc = round(total / 8 / CHROMA_Q)  # the DC of a flat block is 8 x its mean
                prev[i] = _block(bits, [dc] + [0] * 63, prev[i])
    dqt = bytes([0]) + bytes([LUMA_Q] * 64) + bytes([1]) + bytes([CHROMA_Q] * 64)
    sof = struct.pack(">BHHB", 8, height, width, 3) + bytes([1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1])

    def dht(cls_id: int, symbols: list[int], length: int) -> bytes:
        counts = [0] * 16
        counts[length - 1] = len(symbols)
        return bytes([cls_id]) + bytes(counts) + bytes(symbols)

    sos = bytes([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])
    return (b"\xff\xd8" + (exif_segment(orientation) if orientation != 1 else b"")
            + _segment(0xDB, dqt) + _segment(0xC0, sof)
            + _segment(0xC4, dht(0x00, DC_SYMBOLS, 4) + dht(0x10, AC_SYMBOLS, 8))
            + _segment(0xDA, sos) + bits.flush() + b"\xff\xd9")
