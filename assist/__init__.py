"""assist: a grounded, self-hostable agent-assist backend for e-commerce customer service."""

__version__ = "0.1.0"
