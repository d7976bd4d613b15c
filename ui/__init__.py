"""The window (Qt) and the command line. ui.cli never imports Qt, so commands run without a
display."""
