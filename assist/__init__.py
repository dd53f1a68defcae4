"""assist: a grounded, self-hostable agent-assist backend for e-commerce customer service."""

from assist.native import limit_native_threads

limit_native_threads()  # before NumPy loads BLAS; never changed at run time (see assist/native.py)

__version__ = "0.1.0"
