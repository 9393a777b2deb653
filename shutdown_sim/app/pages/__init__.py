"""One module per page of the app; each has ``render(view)``."""
