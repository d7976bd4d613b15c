"""The honour roll notice (表彰名单公示) of an honour list, for posting: the approved people with
their names masked (models/common/masking.py), in 姓氏笔画 order of what the masked name shows,
and who put each forward; the posting period and how to object, the issuer and date.

The deeds (事迹) stay off: an account of a life often names an illness or a hardship, which
PRINTING.md keeps off posted lists.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.platypus import KeepTogether

from exporters.atomic import atomic_output
from exporters.contests.results import Posting, posting_lines
from exporters.pdf import official as o
from exporters.pdf.fonts import font_set
from models.common.errors import UserError
from models.common.masking import mask_name, visible_sort_key
from models.contests.records import HonourListRecord
from models.contests.service import get_honour_list


def roll_rows(h: HonourListRecord) -> list[tuple[str, str]]:
    """(masked name, nominated by) of every approved person, in stroke order of the masked
    name; ties by the unit, so the order tells nothing of the hidden characters."""
    if not h.approved:
        raise UserError(f"“{h.title}”还没有审核通过的人选，无法公示名单。")
    rows = [(mask_name(n.name), n.nominated_by) for n in h.approved]
    rows.sort(key=lambda r: (visible_sort_key(r[0]), r[1]))
    return rows


def export_honour_roll_pdf(list_id: int, target: Path | str, posting: Posting) -> int:
    """Returns the number of pages."""
    h = get_honour_list(list_id)
    rows = roll_rows(h)
    who = h.issuer or "社区居委会"
    title = f"{h.title}名单公示"  # the year is in the text: a title of one line
    fonts = font_set()
    s = o.make_styles(fonts)
    story: list = o.title_block(s, title)
    story.append(o.text(f"经推荐、审核，{who}研究决定，拟表彰以下 {len(rows)} 名同志为"
                        f"{h.year}年度{h.title}。现将名单公示如下（按姓氏笔画排序）：", s.body))
    table = o.data_table(s, ["序号", "姓名", "推荐单位"],
                         [[str(i), name, unit] for i, (name, unit) in enumerate(rows, 1)],
                         [14, 30, 56], align="CCL")
    story += o.table_block(table)
    lines = [o.text(line, s.body) for line in posting_lines(who, posting, "拟表彰人选")]
    # The last paragraph goes with the signature: a seal alone on a page proves nothing
    # (GB/T 9704 wants body text on the page that carries it).
    story += lines[:-1]
    story.append(KeepTogether(lines[-1:] + o.signature_block(s, who, posting.start)))
    with atomic_output(target) as tmp:
        return o.build_pdf(story, tmp, fonts=fonts, title=title, author=h.issuer)
