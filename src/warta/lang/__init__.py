"""Low-level Indonesian language helpers shared by several stages (word forms, stop words, IDF)."""
