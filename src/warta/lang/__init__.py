"""Small Indonesian language helpers shared by several stages."""
