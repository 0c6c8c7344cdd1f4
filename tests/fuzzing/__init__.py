"""The fuzz harness: generated transcripts and caption files, and the oracles that judge align's output.

``strategies`` generates transcripts (hypothesis) and ``caption_strategies`` caption files;
``oracles`` runs the text path on one case and says what is wrong with the result, holding the
transcript's words (``words``: what a word is) to every stage and every file, which it reads back
with pysrt, webvtt-py and the strict readers of ``captionfiles``; ``outcome`` is what it says.
``test_fuzz`` is the quick profile run by ``make test``, ``test_found`` what the harness found;
``bench/fuzz.py`` runs the same cases by the hundred thousand.
"""
