"""The embedded engine: an index in a folder, written and read with Whoosh (the classic 2.7 API,
so that whoosh==2.7.4 runs it as well as whoosh3). Only this package imports whoosh."""

from .index import WhooshIndex
from .writer import WhooshBuilder

__all__ = ["WhooshBuilder", "WhooshIndex"]
