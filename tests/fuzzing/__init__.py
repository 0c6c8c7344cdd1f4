"""The fuzz harness: generated transcripts and caption files, and the oracles that judge align's output.

``strategies`` generates inputs (hypothesis), ``oracles`` runs the text path on one input and
says what is wrong with the result, ``captionfiles`` holds the strict SRT and WebVTT readers the
oracles read align's files back with. ``test_fuzz`` is the quick profile run by ``make test``;
``bench/fuzz.py`` runs the same cases by the hundred thousand.
"""
