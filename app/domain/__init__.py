"""Tables, day entries and vocabularies."""
