"""One base for every refusal a clerk can understand and act on; anything else is a bug."""
from __future__ import annotations


class UserError(Exception):
    """str() is a complete sentence in Chinese, shown as it is in a dialog or on stderr."""
