"""Pain Diary: a private pain and activity diary for back and leg pain."""

__version__ = "0.1.0"
