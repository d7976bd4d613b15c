"""One document, two renderers: a Qt-free typed document (model) laid out as an official PDF
(pdf) or written as a Word file (docx), so both carry the same strings by construction."""
