"""index: turn article files into a searchable, persistent store.

Nothing in this package imports ``qa`` or ``ui``.
"""
