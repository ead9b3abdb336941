"""Exports of warta/1 records to other formats (one module per format)."""
