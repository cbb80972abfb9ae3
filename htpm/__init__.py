"""htpm: a prevention month's campaign toolkit from one config."""

__version__ = "0.1.0"
