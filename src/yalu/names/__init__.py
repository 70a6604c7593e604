"""Matching Korean personal names across Hangul, Chinese characters and Latin spellings.

Pure Python: no Django. See DESIGN.md, section Names.
"""

from .compare import Comparison, compare
from .keys import NameKeys, name_keys
from .script import InvalidName, detect_script, normalize

__all__ = [
    "Comparison",
    "InvalidName",
    "NameKeys",
    "compare",
    "detect_script",
    "name_keys",
    "normalize",
]
