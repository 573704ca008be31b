"""The trends screen."""
