"""Internals of the ``entities`` stage: lexicons, CRF features, mention merging, attributes."""
