"""The tally on screen: how many forms came back, then per question its counts as the same bar
chart the PDF prints (exporters.feedback.charts, rendered to an image through pypdfium2, the way
print preview renders pages), its average for a satisfaction question, and every free-text answer.
"""
from __future__ import annotations

from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QLabel, QListWidget, QScrollArea, QVBoxLayout, QWidget

from models.feedback.records import Tally


def chart_pixmap(q: object, dpi: float = 110) -> QPixmap:
    from exporters.feedback.charts import chart_pdf_bytes
    from exporters.pdf.fonts import font_set
    from models.feedback.records import QuestionTally
    from ui.widgets.printing import page_image

    assert isinstance(q, QuestionTally)
    return QPixmap.fromImage(page_image(chart_pdf_bytes(q, font_set().body), 0, dpi))


class TallyView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = QWidget()
        self.body = QVBoxLayout(self.host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.charts: list[QLabel] = []
        self.answer_lists: list[QListWidget] = []

    def show_tally(self, t: Tally | None) -> None:
        while self.body.count():
            item = self.body.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()  # deleteLater waits for the event loop: never show it meanwhile
                w.deleteLater()
        self.charts, self.answer_lists = [], []
        if t is None:
            return
        bold = QFont()
        bold.setBold(True)
        bold.setPointSize(12)
        head = QLabel(self.tr("共收回反馈表 {0} 份，{1} 题。比例按每题作答份数计算。").format(
            t.responses, len(t.questions)))
        head.setFont(bold)
        self.body.addWidget(head)
        for q in t.questions:
            avg = self.tr("，平均 {0:.2f} 分").format(q.average) if q.average is not None else ""
            title = QLabel(self.tr("{0}. {1}（{2}，作答 {3} 份{4}）").format(
                q.number, q.question.text, q.kind_label, q.answered, avg))
            title.setWordWrap(True)
            title.setFont(bold)
            self.body.addWidget(title)
            if q.counts:
                chart = QLabel()
                chart.setPixmap(chart_pixmap(q))
                chart.setAccessibleName(q.question.text)
                chart.setToolTip("\n".join(f"{c.label}：{c.count}" for c in q.counts))
                self.body.addWidget(chart)
                self.charts.append(chart)
            else:
                answers = QListWidget()
                answers.addItems(q.answers or [self.tr("（没有人作答）")])
                answers.setMinimumHeight(min(220, 24 * max(1, len(q.answers)) + 8))
                self.body.addWidget(answers)
                self.answer_lists.append(answers)
        self.body.addStretch(1)
