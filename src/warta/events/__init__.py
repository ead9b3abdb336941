"""Helpers of the ``events`` stage: the trigger lexicon, clause structure, actors, PLOVER codes."""
