"""workshop: integrity workshops for candidates of Dutch local political parties.

This package root stays thin: it must never import the TUI, so that `workshop --help` and the
headless hub start fast.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
