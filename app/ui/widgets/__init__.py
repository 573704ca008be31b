"""Reusable widgets of the diary app (each module loads its own kv rules once)."""
