"""Views of the initiative registry, one module per part (see initiatives/urls.py)."""
