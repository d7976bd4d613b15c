"""A relief campaign of 5,000 households, each document beside its baseline in one run:

1. the public notice PDF (exporters.relief.notice) against a bare reportlab script drawing the
   same text (the same rows, fonts and rows a page, no ruling; target: within 1.5x);
2. the hand-over sheet .xlsx (exporters.relief.handover) against bare openpyxl write-only writing
   the same values (target: within 1.3x);
3. the 慰问 tab's first page (the lazy model: count and first page) against the residents tab's
   (ResidentsModel over 5,000 residents), and the whole first show of the tab (timeline, totals
   and the checks over every row as well).

    /work/venv/bin/python bench/bench_relief.py [RUNS]

Each pair runs side by side: ours and the baseline alternate RUNS times (which one goes first
alternates too), and the figure reported is the median of the per-pair ratios, so a burst of load
from another process hits both sides alike.
"""
from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pairs import side_by_side, timed

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HOUSEHOLDS = 5000



def best(runs: int, fn: Callable[[], object]) -> float:
    return min(timed(fn) for _ in range(runs))



def fill(db: Path) -> int:
    from models.datafile.db import database, open_database
    from models.relief import audit
    from models.relief.beneficiaries import add_beneficiary, set_status
    from models.relief.records import NewBeneficiary, NewCampaign, NewCategory
    from models.relief.service import allow_early_handover, create_campaign, set_posting
    from models.residents.demo import demo_resident, make_demo_residents

    open_database(db)
    make_demo_residents(HOUSEHOLDS, seed=5)
    rng = random.Random(5)
    today = date.today()
    with database.atomic():
        audit.set_clerk("李敏")
        rec = create_campaign(NewCampaign(
            "春节送温暖走访慰问", today - timedelta(days=30), today + timedelta(days=30),
            categories=[NewCategory("低保户", "每户", 50000, [("大米10公斤", 6000)]),
                        NewCategory("困难党员", "每人", 50000),
                        NewCategory("重度残疾人家庭", "每户", 40000),
                        NewCategory("独居老人", "每人", 30000, [("慰问品", 8000)])]))
        set_posting(rec.id, today - timedelta(days=20))
        allow_early_handover(rec.id, "压力测试")
        for i in range(HOUSEHOLDS):
            r = demo_resident(rng, today)
            b = add_beneficiary(rec.id, NewBeneficiary(
                rec.categories[i % 4].id, name=r.name, id_number=r.id_number or "",
                phone=r.phone, building=r.building, unit=r.unit, room=f"{i}室",
                household_size=1 + i % 4, reason="长期患病"))
            for s in ("已核实", "已公示", "已审批"):
                set_status(b.id, s)
    return rec.id


def bare_notice(rows: list[list[str]], target: Path, per_page: int) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from exporters.pdf.fonts import font_set
    from exporters.pdf.official import PAGE_H, PAGE_W

    fonts = font_set()
    c = Canvas(str(target), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    for start in range(0, len(rows), per_page):
        c.setFont(fonts.heading1, 18)
        c.drawCentredString(PAGE_W / 2, PAGE_H - 60, "春节送温暖走访慰问名单公示")
        c.setFont(fonts.song, 11)
        y = PAGE_H - 120
        for row in rows[start:start + per_page]:
            x = 80.0
            for text in row:
                c.drawString(x, y, text)
                x += 90
            y -= 25
        c.showPage()
    c.save()


def bare_xlsx(rows: list[list[object]], target: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("慰问金")
    ws.append(["春节送温暖走访慰问金发放签收表"])
    ws.append(["序号", "姓名", "身份证后四位", "楼栋", "类别", "金额（元）", "签名", "日期"])
    for row in rows:
        ws.append(row)
    wb.save(target)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t = time.perf_counter()
        cid = fill(out / "bench.db")
        print(f"准备 {HOUSEHOLDS} 户（含状态变更与日志）：{time.perf_counter() - t:.1f} s")

        from exporters.relief.handover import export_handover_xlsx, handover_list, money_rows
        from exporters.relief.notice import export_notice_pdf, notice_rows

        rows = notice_rows(cid)
        ours, bare, ratio = side_by_side(
            runs, lambda: export_notice_pdf(cid, out / "notice.pdf"),
            lambda: bare_notice(rows, out / "bare.pdf", 22))
        print(f"公示 PDF {len(rows)} 户：{ours:.2f} s，裸 reportlab {bare:.2f} s，"
              f"{ratio:.2f} 倍（目标 1.5 倍以内）")

        _rec, people = handover_list(cid)
        values: list[list[object]] = [
            [*r[:5], p.amount_fen / 100, "", ""]
            for r, p in zip(money_rows(people), people, strict=True)]
        ours, bare, ratio = side_by_side(
            runs, lambda: export_handover_xlsx(cid, out / "h.xlsx"),
            lambda: bare_xlsx(values, out / "bare.xlsx"))
        print(f"签收表 xlsx {len(values)} 户：{ours:.2f} s，裸 openpyxl 只写 {bare:.2f} s，"
              f"{ratio:.2f} 倍（目标 1.3 倍以内）")

        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        from ui.context import AppContext
        from ui.operations import DataHub
        from ui.relief.area import ReliefArea
        from ui.relief.model import BeneficiariesModel
        from ui.residents.model import ResidentsModel

        # Like with like: each side builds its model and reads the count and first page (the
        # residents model reads them when built; the earlier bench reused one relief model).
        first, residents, ratio = side_by_side(
            max(runs, 21), lambda: BeneficiariesModel().load(cid), lambda: ResidentsModel())
        print(f"慰问名单首屏（计数 + 第一页）：{first * 1000:.1f} ms，居民名册首屏 "
              f"{residents * 1000:.1f} ms，{ratio:.2f} 倍（目标：一样快）")
        whole = best(runs, lambda: ReliefArea(AppContext(DataHub(), out / "bench.db")))
        print(f"慰问标签页整页打开（含进度、合计与核查）：{whole * 1000:.0f} ms")
        del app


if __name__ == "__main__":
    main()
