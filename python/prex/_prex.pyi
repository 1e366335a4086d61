"""Type stubs of the native module ``prex._prex`` (python/src/lib.rs).

Every function returns records as JSON text, byte for byte the CLI's
line; ``prex`` (``__init__.py``) decodes them and is the public API.
"""

from typing import List, Optional, TypedDict, Union

__version__: str
DEFAULT_MAX_BYTES: int

class ExtractError(ValueError):
    """An input that could not become a record; the message is the CLI's."""

class Options(TypedDict, total=False):
    """Options of every function; a missing or None value is the default."""

    lang: Optional[str]
    reference_date: Optional[str]
    region: Optional[str]
    title_hint: Optional[str]
    include_text: bool
    max_bytes: Optional[int]

def extract_json(text: str, id: str, opts: Optional[Options] = None) -> str: ...
def extract_file_json(path: str, id: Optional[str] = None, opts: Optional[Options] = None) -> str: ...
def extract_bytes_json(data: bytes, name: str, id: Optional[str] = None, opts: Optional[Options] = None) -> str: ...
def extract_many_json(
    items: list, threads: int, start: int = 0, opts: Optional[Options] = None
) -> List[Union[str, ExtractError]]: ...
