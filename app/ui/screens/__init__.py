"""One folder per screen: `<name>/<name>.py` with its `<name>.kv` beside it."""
