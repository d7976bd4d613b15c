"""Shared pieces of every PDF: Chinese line breaking (cjk) and the official-document page
(official). Fonts are in exporters.pdf.fonts."""
