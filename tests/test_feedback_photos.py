"""Photos in the summary come out upright for every EXIF orientation: a picture whose upright view
has four coloured quarters is stored turned or mirrored as a camera would (the JPEGs are made here
by models.feedback.photos.write_jpeg, with the orientation tag), drawn by the summary's exporter,
rendered by PDFium, and each quarter's colour read back from the page."""
from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from exporters.feedback.summary_pdf import draw_upright
from models.feedback.photos import PhotoError, jpeg_info, write_jpeg

W, H = 64, 48  # the picture as seen
QUARTERS = {(0, 0): (220, 30, 30), (1, 0): (30, 200, 30), (0, 1): (30, 30, 220),
            (1, 1): (240, 220, 30)}


def _seen(x: int, y: int) -> tuple[int, int, int]:
    return QUARTERS[(int(x >= W // 2), int(y >= H // 2))]


def _stored(orientation: int) -> bytes:
    """The picture as a camera stores it for this orientation: stored (x, y) is seen at ..."""
    sw, sh = (H, W) if orientation >= 5 else (W, H)
    where = {
        1: lambda x, y: (x, y), 2: lambda x, y: (sw - 1 - x, y),
        3: lambda x, y: (sw - 1 - x, sh - 1 - y), 4: lambda x, y: (x, sh - 1 - y),
        5: lambda x, y: (y, x), 6: lambda x, y: (sh - 1 - y, x),
        7: lambda x, y: (sh - 1 - y, sw - 1 - x), 8: lambda x, y: (y, sw - 1 - x),
    }[orientation]
    return write_jpeg(sw, sh, lambda x, y: _seen(*where(x, y)), orientation)


def _render(data: bytes) -> tuple[bytes, int]:
    import pypdfium2

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(W, H))
    draw_upright(c, data, jpeg_info(data), 0, 0, W, H)
    c.save()
    doc = pypdfium2.PdfDocument(buf.getvalue())
    bitmap = doc[0].render(scale=4, prefer_bgrx=True)
    pixels, stride = bytes(bitmap.buffer), bitmap.stride
    doc.close()
    return pixels, stride


@pytest.mark.parametrize("orientation", range(1, 9))
def test_photo_is_drawn_upright(orientation: int) -> None:
    data = _stored(orientation)
    info = jpeg_info(data)
    assert info.orientation == orientation
    assert info.upright_size == (W, H)
    pixels, stride = _render(data)
    for (qx, qy), (r, g, b) in QUARTERS.items():
        x, y = (W // 4 + qx * W // 2) * 4, (H // 4 + qy * H // 2) * 4  # quarter centres
        bb, gg, rr = pixels[y * stride + x * 4: y * stride + x * 4 + 3]
        assert abs(rr - r) < 40 and abs(gg - g) < 40 and abs(bb - b) < 40, \
            (orientation, (qx, qy), (rr, gg, bb))


def test_not_a_jpeg_refused() -> None:
    for data in (b"", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, b"\xff\xd8\xff\xe0\0\x02"):
        with pytest.raises(PhotoError):
            jpeg_info(data, "x.jpg")
