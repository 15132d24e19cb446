"""Forms of the initiative registry, one module per part (see the views that use them)."""
