"""The KivyMD app: the only layer that imports Kivy."""
