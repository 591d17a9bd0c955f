"""ui: presentation only (CLI and Gradio chat). Logic lives in ``qa`` and ``index``."""
