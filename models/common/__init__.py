"""What every area uses: text and value parsing, masking of personal data, ID numbers,
name keys (pinyin, stroke order), and the error a clerk can act on (errors.py).
"""
