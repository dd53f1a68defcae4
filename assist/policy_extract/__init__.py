"""Typed, cited policy facts read from a shop's own documents (offline rules; an LLM when configured).

``extract_facts(chunks, embedder)`` is the offline extractor; ``extract_with_llm(model, chunks, facts)``
adds a chat model's reading under the same checks (every value quotes its chunk). ``bench/policy_facts.py``
measures both against hand-read gold facts.
"""

from assist.policy_extract.extractor import extract_facts
from assist.policy_extract.llm import extract_with_llm
from assist.policy_extract.text import PolicyChunk

__all__ = ["PolicyChunk", "extract_facts", "extract_with_llm"]
