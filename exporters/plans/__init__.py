"""A plan or a notice as an official-document PDF (pdf.py).
"""
