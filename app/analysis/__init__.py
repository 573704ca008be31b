"""Pure functions over diary days: baseline, flares, links, PEG, summaries."""
