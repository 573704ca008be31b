"""The diary file: engine, migrations, repository."""
