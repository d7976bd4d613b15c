"""打印… for the activity's Excel sheets (报名名册, 空白报名表, 出勤统计): the app builds each one's
PDF form (exporters/signups/sheet_pdfs.py) in the background, with progress for a long roster,
then shows Qt's print preview of that very PDF (ui/widgets/printing.py), from which it prints."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from ui.operations import BackgroundTask, Progress, run_task

if TYPE_CHECKING:
    from ui.signups.area import SignupsArea


def tr(text: str) -> str:
    return QCoreApplication.translate("SignupsPrinting", text)


# kind -> (what the preview's title says, exporter, whether it takes the list order)
def _sheets() -> dict[str, tuple[str, Callable[..., int], bool]]:
    from exporters.signups import sheet_pdfs

    return {"roster": (tr("报名名册"), sheet_pdfs.export_roster_pdf, True),
            "form": (tr("报名表"), sheet_pdfs.export_form_pdf, False),
            "attendance": (tr("出勤统计"), sheet_pdfs.export_attendance_pdf, False)}


MENU = (("roster", "打印报名名册…"), ("form", "打印空白报名表…"), ("attendance", "打印出勤统计…"))


def add_print_items(area: SignupsArea, menu: QMenu) -> None:
    """The sheets' 打印… items, under the sign-in sheet's in the 导出与打印 menu."""
    for kind, text in MENU:
        menu.addAction(tr(text)).triggered.connect(
            lambda _c=False, k=kind: print_sheet(area, k))


def sheet_pdf_bytes(progress: Progress, kind: str, plan_id: int, order: str) -> bytes:
    """Off the UI thread: the sheet's PDF, as 导出 writes it."""
    _label, export, ordered = _sheets()[kind]

    def report(done: int, total: int) -> None:
        progress.check()  # 取消 stops a long roster
        progress.report(done, total)

    kw: dict[str, Any] = {"order": order, "progress": report} if ordered else {}
    from ui.widgets.printing import exported_bytes  # off the start-up path

    return exported_bytes(lambda path: export(plan_id, path, **kw), "sheet.pdf")


def print_sheet(area: SignupsArea, kind: str) -> BackgroundTask | None:
    """Build the sheet's PDF for the activity on screen (the roster in the order shown), then
    preview it."""
    from ui.widgets.printing import open_preview

    plan = area.plan_id()
    if plan is None:
        area.hub.message.emit(tr("请先选择活动。"))
        return None
    label = _sheets()[kind][0]
    title = area.activity.currentText().split("　", 1)[-1][:60] + label

    def show(pdf: bytes) -> None:
        area.last_preview = open_preview(pdf, title, area)

    area.last_print_task = run_task(area, tr("正在准备打印{0}…").format(label), sheet_pdf_bytes,
                                    kind, plan, area.order.currentData(), on_success=show)
    return area.last_print_task
