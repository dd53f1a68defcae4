"""Size limits on what callers send, enforced in one place: every route that takes a conversation or
free text calls these before doing any work. Violations are :class:`InvalidInput` (HTTP 422) naming
the field and the limit."""

from __future__ import annotations

from assist.config import Settings
from assist.errors import InvalidInput
from assist.models import Conversation


def check_text(text: str, field: str, settings: Settings) -> None:
    """``text`` (sent as ``field``) must fit ``settings.max_message_chars``."""
    limit = settings.max_message_chars
    if len(text) > limit:
        raise InvalidInput(
            f"{field}: {len(text)} characters, the limit is {limit}; shorten it "
            "(the server's ASSIST_MAX_MESSAGE_CHARS sets the limit)"
        )


def check_conversation(conversation: Conversation, settings: Settings, field: str = "conversation") -> None:
    """At most ``settings.max_messages`` messages of at most ``settings.max_message_chars`` each."""
    count = len(conversation.messages)
    if count > settings.max_messages:
        raise InvalidInput(
            f"{field}.messages: {count} messages, the limit is {settings.max_messages}; send the most "
            "recent ones (the server's ASSIST_MAX_MESSAGES sets the limit)"
        )
    for index, message in enumerate(conversation.messages):
        check_text(message.text, f"{field}.messages[{index}].text", settings)
