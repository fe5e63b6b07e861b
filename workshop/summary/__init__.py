"""The anonymous session report: built from a stored record, rendered for the party to keep.

Pure: no Textual, no websockets, no tinydb (the caller reads the record).
"""

from workshop.summary.build import Summary, build_summary
from workshop.summary.markdown import render_markdown

__all__ = ["Summary", "build_summary", "render_markdown"]
