"""What every work area is built with: passed to its constructor, never reached globally."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ui.operations import DataHub


@dataclass
class AppContext:
    hub: DataHub  # hub.changed(Changes) after every write: refresh on the flags you show
    data_file: Path  # the open data file (for titles and default export names)
    initial_search: str = ""  # typed into the residents search at start (--search, screenshots)
