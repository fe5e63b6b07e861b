"""The facilitator TUI (Textual). Imported only by `workshop` / `workshop start`."""
