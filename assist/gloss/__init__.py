"""Word-by-word reading aid (engine ``gloss``) for buyer languages no translation engine serves.

``GlossEngine.gloss(text, source, "en")`` gives one ``GlossLine`` per source sentence. The translation
router calls it only when no translation engine could serve the pair; the result is labelled
``engine="gloss"`` and is for the agent to read, never the text of a reply to the buyer.
"""

from assist.gloss.dictionaries import DictionaryMissing
from assist.gloss.engine import LABEL, GlossEngine, Glosser, split_sentences

__all__ = ["LABEL", "DictionaryMissing", "GlossEngine", "Glosser", "split_sentences"]
