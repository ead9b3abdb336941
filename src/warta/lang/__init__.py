"""Indonesian language data and helpers shared by several stages."""
