"""Form models: the state behind a screen, in plain Python (no Kivy), tested on their own."""
