"""The 评比表彰 tab offscreen, with real keys and clicks, read back from the data file: the
keyboard score grid (Enter moves on, a wrong key or a score above full marks refused at once
with the reason, nothing saved until Ctrl+S), entries added, corrected and deleted with
confirmation, the trimmed-mean warning that puts the choice back, honours nominated and
approved with a person's honours, and the documents exported."""
from __future__ import annotations

import random
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from models.common.changes import Changes
from models.contests import service as svc
from models.contests.records import NewContest, NewEntry
from ui.contests.area import ContestsArea
from ui.contests.score_grid import FIXED, HELD_BG
from ui.context import AppContext
from ui.operations import DataHub


def _contest() -> tuple[int, list[int], list[int]]:
    c = svc.create_contest(NewContest("重阳书画评比", ["摄影", "书画"], deadline=date(2026, 10, 22),
                                      levels=(("一等奖", 1), ("二等奖", 1)), full_marks=10,
                                      issuer="社区居委会"))
    rng = random.Random(3)
    ids = [svc.add_entry(c.id, NewEntry(c.categories[0].id, name, title, date(2026, 10, 20)),
                         rng).id
           for name, title in (("王秀英", "古渡晨光"), ("赵建国", "老街新貌"), ("钱丽", "夕阳红"))]
    jids = [svc.add_judge(c.id, name, "市摄影家协会").id for name in ("陈立群", "吴秋实")]
    return c.id, ids, jids


@pytest.fixture()
def area(qtbot, db_path: Path) -> ContestsArea:
    _contest()
    widget = ContestsArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def _scores(db: Path) -> dict[tuple[int, int], str]:
    con = sqlite3.connect(db)
    try:
        return {(j, e): v for e, j, v in con.execute("SELECT entry_id, judge_id, value FROM score")}
    finally:
        con.close()


def _type(qtbot, widget, text: str) -> None:
    """Keys as the clerk types them: the first may open the cell's editor, the rest go to
    whatever has the focus then."""
    from PySide6.QtWidgets import QApplication

    for ch in text:
        qtbot.keyClick(QApplication.focusWidget() or widget, ch)


def _editor(grid):
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def test_keyboard_scores_enter_moves_on_refusals_and_save(qtbot, area: ContestsArea,
                                                          db_path: Path) -> None:
    page = area.contests
    page.pages.setCurrentWidget(page.grid)
    grid = page.grid
    # One judge at a time, chosen from the keyboard: Alt+J, then Down to 陈立群.
    qtbot.keyClick(grid.table, "j", Qt.KeyboardModifier.AltModifier)
    assert grid.judge.hasFocus()
    qtbot.keyClick(grid.judge, Qt.Key.Key_Down)
    assert grid.judge.currentText() == "陈立群（市摄影家协会）"
    t = grid.table
    assert [t.isColumnHidden(FIXED + k) for k in range(2)] == [False, True]
    assert (t.currentRow(), t.currentColumn()) == (0, FIXED)
    t.setFocus()
    codes = [t.item(r, 0).text() for r in range(3)]
    entry_of = {e.code: e.id for e in svc.list_entries(page.contest.id)}
    judge = page.contest.judges[0].id
    _type(qtbot, t, "8.5")
    qtbot.keyClick(_editor(grid), Qt.Key.Key_Return)
    assert (t.currentRow(), t.currentColumn()) == (1, FIXED)  # Enter moved on
    assert t.item(0, FIXED).text() == "8.5"
    assert t.item(0, FIXED).background().color() == HELD_BG
    # A wrong key is refused at once, with the reason; no editor opens with it.
    qtbot.keyClick(t, "x")
    assert "不能作分数" in grid.message.text()
    # Above full marks: refused on Enter, the editor stays with the typed text.
    _type(qtbot, t, "11")
    editor = _editor(grid)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "超过满分 10 分" in grid.message.text()
    assert t.currentRow() == 1 and _editor(grid) is editor and editor.text() == "11"
    qtbot.keyClick(editor, "y")  # a wrong key inside the editor: refused too
    assert editor.text() == "11" and "“y”不能作分数" in grid.message.text()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    _type(qtbot, editor, "9")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _type(qtbot, t, "7")
    qtbot.keyClick(_editor(grid), Qt.Key.Key_Return)
    assert _scores(db_path) == {}  # nothing saved half-way
    qtbot.keyClick(t, "s", Qt.KeyboardModifier.ControlModifier)
    assert _scores(db_path) == {(judge, entry_of[codes[0]]): "8.5",
                                (judge, entry_of[codes[1]]): "9",
                                (judge, entry_of[codes[2]]): "7"}
    assert not grid.has_held() and "已保存 3 个分数" in grid.message.text()
    # The second judge, all judges shown: Enter after the last code goes to the next column.
    grid.judge.setCurrentIndex(0)
    t.setCurrentCell(2, FIXED)
    t.setFocus()
    _type(qtbot, t, "6")
    qtbot.keyClick(_editor(grid), Qt.Key.Key_Return)
    assert (t.currentRow(), t.currentColumn()) == (0, FIXED + 1)
    for score in ("9", "8", "7"):
        _type(qtbot, t, score)
        qtbot.keyClick(_editor(grid), Qt.Key.Key_Return)
    # Results recomputed live from what is typed (nothing saved yet), and said so.
    res = area.contests.results.table
    live = {res.item(r, 3).text(): res.item(r, 1).text() for r in range(res.rowCount())}
    assert live == {codes[0]: "第1名", codes[1]: "第2名", codes[2]: "第3名"}
    assert "含 4 个尚未保存的分数" in area.contests.results.notices.text()
    assert len(_scores(db_path)) == 3
    qtbot.mouseClick(grid.save_button, Qt.MouseButton.LeftButton)
    saved = _scores(db_path)
    second = page.contest.judges[1].id
    assert saved[(judge, entry_of[codes[2]])] == "6"  # changed
    assert [saved[(second, entry_of[c])] for c in codes] == ["9", "8", "7"]
    # Results recomputed from the saved scores, shown on 结果.
    assert "尚未保存" not in area.contests.results.notices.text()
    places = {res.item(r, 3).text(): (res.item(r, 1).text(), res.item(r, 2).text())
              for r in range(res.rowCount())}
    # Means: codes[0] 8.75, codes[1] 8.5, codes[2] 6.5.
    assert places[codes[0]] == ("第1名", "一等奖") and places[codes[1]] == ("第2名", "二等奖")
    assert places[codes[2]] == ("第3名", "")


def test_unsaved_scores_asked_about_before_leaving(qtbot, area: ContestsArea, db_path: Path,
                                                  monkeypatch) -> None:
    grid = area.contests.grid
    area.contests.pages.setCurrentWidget(grid)
    grid.table.setFocus()
    _type(qtbot, grid.table, "5")
    qtbot.keyClick(_editor(grid), Qt.Key.Key_Return)
    asked: list[str] = []

    def cancel(box: QMessageBox) -> int:
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "取消").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    assert not area.maybe_close()
    assert "1 个分数还没有保存" in asked[0] and _scores(db_path) == {}

    def save(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "保存").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", save)
    assert area.maybe_close()
    assert list(_scores(db_path).values()) == ["5"]


def test_entries_added_corrected_and_deleted_with_confirmation(qtbot, area: ContestsArea,
                                                               db_path: Path,
                                                               monkeypatch) -> None:
    from ui.contests.entry_dialog import EntryDialog

    page = area.contests

    def fill(dialog: EntryDialog) -> int:
        dialog.category.setCurrentIndex(1)  # 书画
        dialog.name.setText("孙桂兰")
        dialog.title.setText("墨竹")
        dialog.received.setDate(dialog.received.date().fromString("2026-10-24", "yyyy-MM-dd"))
        assert "将标为逾期" in dialog.late.text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EntryDialog, "exec", fill)
    qtbot.mouseClick(page.add_entry_button, Qt.MouseButton.LeftButton)
    con = sqlite3.connect(db_path)
    row = con.execute("SELECT code, name, title, late FROM contest_entry WHERE name = '孙桂兰'"
                      ).fetchone()
    assert row[0].startswith("B") and row[1:] == ("孙桂兰", "墨竹", 1)
    shown = [page.entry_table.item(r, 2).text() for r in range(page.entry_table.rowCount())]
    assert "孙桂兰" in shown
    r = shown.index("孙桂兰")
    assert page.entry_table.item(r, 6).text() == "逾期"
    # Correct it: the dialog opens with what was saved.
    page.entry_table.selectRow(r)

    def correct(dialog: EntryDialog) -> int:
        assert dialog.name.text() == "孙桂兰" and dialog.title.text() == "墨竹"
        dialog.title.setText("墨竹图")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EntryDialog, "exec", correct)
    qtbot.mouseClick(page.edit_entry_button, Qt.MouseButton.LeftButton)
    assert con.execute("SELECT title, code FROM contest_entry WHERE name = '孙桂兰'"
                       ).fetchone() == ("墨竹图", row[0])
    # Delete: answered No first (kept), then Yes.
    r = [page.entry_table.item(i, 2).text() for i in range(page.entry_table.rowCount())
         ].index("孙桂兰")
    page.entry_table.selectRow(r)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or next(answers))
    qtbot.mouseClick(page.delete_entry_button, Qt.MouseButton.LeftButton)
    assert con.execute("SELECT count(*) FROM contest_entry WHERE name = '孙桂兰'").fetchone()[0]
    page.entry_table.selectRow(r)
    qtbot.mouseClick(page.delete_entry_button, Qt.MouseButton.LeftButton)
    assert "墨竹图" in asked[0] and "孙桂兰" in asked[0]
    assert con.execute("SELECT count(*) FROM contest_entry WHERE name = '孙桂兰'"
                       ).fetchone()[0] == 0


def test_trimmed_mean_with_two_judges_warned_and_choice_put_back(qtbot, area: ContestsArea,
                                                                 db_path: Path) -> None:
    panel = area.contests.results
    area.contests.pages.setCurrentWidget(panel)
    panel.method.setFocus()
    # Choose 去掉最高最低 with the keyboard: down from 平均分 in the closed combo box.
    assert panel.method.currentText() == "平均分"
    qtbot.keyClick(panel.method, Qt.Key.Key_Down)
    assert "至少 5 位评委" in panel.warning.text() and "请重新选择" in panel.warning.text()
    assert panel.method.currentText() == "平均分"
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT method FROM contest").fetchone()[0] == "平均分"


def test_removing_a_judge_below_five_asks_for_another_method(qtbot, db_path: Path,
                                                             monkeypatch) -> None:
    cid, ids, jids = _contest()
    for name in ("郑文澜", "何晓东", "林美华"):
        jids.append(svc.add_judge(cid, name, "区文化馆").id)
    svc.set_rules(cid, "去掉最高最低", "并列")
    area = ContestsArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(area)
    page = area.contests
    page.pages.setCurrentIndex(1)  # 评委
    page.judge_list.setCurrentRow(4)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    asked: list[str] = []

    def choose(parent, title, label, items, current, editable):
        asked.append(label)
        return items[current], True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    qtbot.mouseClick(page.remove_judge_button, Qt.MouseButton.LeftButton)
    assert "至少 5 位评委" in asked[0]
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM judge").fetchone()[0] == 4
    assert con.execute("SELECT method FROM contest").fetchone()[0] == "平均分"
    assert page.judge_list.count() == 4 and page.results.method.currentText() == "平均分"


def test_honours_nominated_approved_and_a_persons_honours(qtbot, db_path: Path,
                                                         monkeypatch) -> None:
    from ui.contests.nomination_dialog import NominationDialog

    h = svc.create_honour_list("十佳“社区文明健康老人”", 2025, places=1, issuer="社区居委会")
    earlier = svc.nominate(h.id, "王秀英", "第一网格", "热心公益")
    svc.review_nomination(earlier.id, svc.APPROVED, "", date(2025, 10, 1))
    now = svc.create_honour_list("社区好邻居", 2026, places=1)
    area = ContestsArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(area)
    area.halves.setCurrentIndex(1)
    page = area.honours
    page.picker.setCurrentIndex(page.picker.findData(now.id))
    page.picker.activated.emit(page.picker.currentIndex())
    for name, unit in (("王秀英", "第二网格"), ("赵建国", "社区老年协会")):
        def fill(dialog: NominationDialog, name=name, unit=unit) -> int:
            dialog.name.setText(name)
            dialog.nominated_by.setText(unit)
            dialog.deeds.setPlainText("照顾邻居老人多年。")
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(NominationDialog, "exec", fill)
        qtbot.mouseClick(page.nominate_button, Qt.MouseButton.LeftButton)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT name, nominated_by, status FROM nomination WHERE "
                       "honour_list_id = ? ORDER BY id", (now.id,)).fetchall() == [
        ("王秀英", "第二网格", "待审核"), ("赵建国", "社区老年协会", "待审核")]
    page.table.setCurrentCell(0, 0)
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    # The places are full: the second is refused with the reason, nothing changes.
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a: errors.append(text) or 0)
    page.table.setCurrentCell(1, 0)
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    assert "名额 1 名已满" in errors[0]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("名额已满", True))
    qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    assert con.execute("SELECT name, status, review_note FROM nomination WHERE "
                       "honour_list_id = ? ORDER BY id", (now.id,)).fetchall() == [
        ("王秀英", "已通过", ""), ("赵建国", "未通过", "名额已满")]
    assert "已通过 1 人" in page.counts.text()
    # A person's honours across the years (by name: neither is linked to the register).
    page.table.setCurrentCell(0, 0)
    years = [page.person.item(i).text() for i in range(page.person.count())]
    assert years == ["2026年　社区好邻居", "2025年　十佳“社区文明健康老人”"]


def test_documents_exported_and_certificates_registered(qtbot, area: ContestsArea,
                                                        db_path: Path, tmp_path: Path) -> None:
    cid = area.contests.contest.id
    for j in area.contests.contest.judges:
        svc.set_scores(j.id, {e.id: str(9 - k) for k, e in enumerate(svc.list_entries(cid))})
    area.hub.announce(Changes(contests=True))
    for kind in ("score_pdf", "score_xlsx", "results_pdf", "results_xlsx"):
        assert area.export(kind, tmp_path / kind)
        assert (tmp_path / kind).stat().st_size > 1000
    assert area.export("contest_certificates", tmp_path / "c.pdf")
    con = sqlite3.connect(db_path)
    numbers = [r[0] for r in con.execute("SELECT number FROM certificate ORDER BY number")]
    assert len(numbers) == 2  # 一等奖 and 二等奖 of 摄影
    assert area.export("contest_certificates", tmp_path / "again.pdf")  # reprinted
    assert [r for r in con.execute("SELECT number, printed FROM certificate ORDER BY number")
            ] == [(n, 2) for n in numbers]
    assert area.export("register", tmp_path / "r.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "r.xlsx").active
    assert [r[0] for r in ws.iter_rows(min_row=3, values_only=True) if r[0]] == numbers



def test_prize_levels_set_per_category_and_a_bad_line_refused(qtbot, area: ContestsArea,
                                                              db_path: Path,
                                                              monkeypatch) -> None:
    from ui.contests.levels_dialog import LevelsDialog

    con = sqlite3.connect(db_path)

    def levels() -> list[tuple]:
        return con.execute("SELECT c.name, l.name, l.places FROM prize_level l JOIN "
                           "contest_category c ON c.id = l.category_id "
                           "ORDER BY c.position, l.position").fetchall()

    before = levels()
    seen: list[tuple[str, list[str]]] = []
    answers = iter(["一等奖1、2", "一等奖1、二等奖2、优秀奖"])

    def fill(dialog: LevelsDialog) -> int:
        first = next(iter(dialog.fields.values()))
        seen.append((first.text(), list(errors)))
        first.setText(next(answers))
        return QDialog.DialogCode.Accepted

    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a: errors.append(text) or 0)
    monkeypatch.setattr(LevelsDialog, "exec", fill)
    qtbot.mouseClick(area.contests.levels_button, Qt.MouseButton.LeftButton)
    # Shown as saved; the bad line refused with the reason and asked again, nothing saved then.
    assert seen[0] == ("一等奖1、二等奖1", [])
    assert "“2”缺少奖项名称" in seen[1][1][0] and seen[1][0] == "一等奖1、2"
    after = levels()
    assert after[:3] == [("摄影", "一等奖", 1), ("摄影", "二等奖", 2), ("摄影", "优秀奖", None)]
    assert after[3:] == [r for r in before if r[0] == "书画"]
    assert "摄影：一等奖1名、二等奖2名、优秀奖若干" in area.contests.info.text()


def test_print_previews_the_document_in_view(qtbot, area: ContestsArea, monkeypatch) -> None:
    import subprocess

    previews: list[tuple[bytes, str]] = []
    monkeypatch.setattr("ui.widgets.printing.open_preview",
                        lambda pdf, title, parent: previews.append((pdf, title)))
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a: errors.append(text) or 0)
    page = area.contests
    page.pages.setCurrentWidget(page.results)
    qtbot.mouseClick(area.print_button, Qt.MouseButton.LeftButton)
    assert "评完后才能公示" in errors[0] and previews == []  # said, not a traceback
    cid = page.contest.id
    for j in page.contest.judges:
        svc.set_scores(j.id, {e.id: str(9 - k) for k, e in enumerate(svc.list_entries(cid))})
    qtbot.mouseClick(area.print_button, Qt.MouseButton.LeftButton)
    page.pages.setCurrentWidget(page.grid)
    qtbot.mouseClick(area.print_button, Qt.MouseButton.LeftButton)

    def text(pdf: bytes) -> str:
        out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                             check=True).stdout.decode()
        return "".join(out.split())

    notice, sheets = (text(p) for p, _t in previews)
    assert previews[0][1] == "重阳书画评比评选结果公示" and "评选结果公示" in notice
    assert "王秀英" not in notice and "王*英" in notice
    assert previews[1][1] == "重阳书画评比评分表" and "评委签名" in sheets
    assert "王秀英" not in sheets
    # Certificates from the 导出 menu's 打印获奖证书…: numbered in the register as made.
    area.export_menu.aboutToShow.emit()
    action = next(a for a in area.export_menu.actions() if a.text() == "打印获奖证书…")
    action.trigger()
    certs = text(previews[2][0])
    con = sqlite3.connect(area.ctx.data_file)
    numbers = [r[0] for r in con.execute("SELECT number FROM certificate ORDER BY number")]
    assert len(numbers) == 2 and all(f"证书编号：{n}" in certs for n in numbers)


def test_no_english_on_the_tab_or_its_dialogs(qtbot, area: ContestsArea) -> None:
    """Every label, button, combo item, tab and column title of the tab and its dialogs is
    Chinese (digits, scores and Ctrl+S aside)."""
    import re

    from tests.visible_texts import visible_texts
    from ui.contests.contest_dialog import ContestDialog
    from ui.contests.entry_dialog import EntryDialog
    from ui.contests.levels_dialog import LevelsDialog
    from ui.contests.nomination_dialog import NominationDialog

    widgets = [area]
    for make in (lambda: ContestDialog([], area), lambda: EntryDialog(area.contests.contest,
                                                                      None, area),
                 lambda: LevelsDialog(area.contests.contest, area),
                 lambda: NominationDialog("社区好邻居", area)):
        dialog = make()
        dialog.show()
        widgets.append(dialog)
    texts: list[str] = []
    for page in range(4):
        area.contests.pages.setCurrentIndex(page)
        for half in range(2):
            area.halves.setCurrentIndex(half)
            texts += visible_texts(area)
    for w in widgets[1:]:
        texts += visible_texts(w)
    english = [t for t in texts if re.search(r"[A-Za-z]{2,}", t.replace("Ctrl+S", ""))]
    assert english == []
    assert "保存打分 (Ctrl+S)" in texts and "登记作品…" in texts and "推荐…" in texts


def test_category_added_later_with_the_first_ones_levels(qtbot, area: ContestsArea,
                                                         db_path: Path, monkeypatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a: errors.append(text) or 0)
    for name in ("诗词", "摄影"):
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, n=name, **k: (n, True))
        qtbot.mouseClick(area.contests.category_button, Qt.MouseButton.LeftButton)
    assert errors == ["已有作品类别“摄影”。"]
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT l.name, l.places FROM prize_level l JOIN contest_category c ON "
                       "c.id = l.category_id WHERE c.name = '诗词' ORDER BY l.position"
                       ).fetchall() == [("一等奖", 1), ("二等奖", 1)]
    assert "诗词：一等奖1名、二等奖1名" in area.contests.info.text()


def test_new_contest_standalone_refused_without_categories_then_made(
        qtbot, area: ContestsArea, db_path: Path, monkeypatch) -> None:
    from ui.contests.contest_dialog import ContestDialog

    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a: errors.append(text) or 0)
    typed = iter(["", "摄影，书画、 诗词"])

    def fill(dialog: ContestDialog) -> int:
        dialog.title.setText("社区亲子运动会趣味比赛")
        dialog.categories.setText(next(typed))
        dialog.full_marks.setValue(100)
        dialog.has_deadline.setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ContestDialog, "exec", fill)
    qtbot.mouseClick(area.contests.new_button, Qt.MouseButton.LeftButton)
    assert "请至少填写一个作品类别" in errors[0]
    con = sqlite3.connect(db_path)
    row = con.execute("SELECT id, plan_id, deadline, full_marks FROM contest WHERE title = "
                      "'社区亲子运动会趣味比赛'").fetchone()
    assert row[1:] == (None, None, 100)
    assert [r[0] for r in con.execute("SELECT name FROM contest_category WHERE contest_id = ? "
                                      "ORDER BY position", (row[0],))] == ["摄影", "书画", "诗词"]
    assert area.contests.contest.id == row[0]  # the new one is shown
