"""SQL persistence: shops, API keys, orders, and (in their own modules) reviews and feedback."""

from assist.store.db import Base, Database

__all__ = ["Base", "Database"]
