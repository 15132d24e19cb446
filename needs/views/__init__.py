"""Views of the needs assessment, one module per topic (see needs/urls.py)."""
