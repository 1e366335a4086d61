"""Type stubs of the native module ``prex._prex`` (python/src/lib.rs).

Every function returns records as JSON text, byte for byte the CLI's
line; ``prex`` (``__init__.py``) decodes them and is the public API.
"""

from typing import List, Optional, Union

__version__: str
DEFAULT_MAX_BYTES: int

class ExtractError(ValueError):
    """An input that could not become a record; the message is the CLI's."""

def extract_json(
    text: str,
    *,
    id: str = "-",
    lang: Optional[str] = None,
    reference_date: Optional[str] = None,
    region: Optional[str] = None,
    title_hint: Optional[str] = None,
    include_text: bool = True,
    max_bytes: Optional[int] = None,
) -> str: ...
def extract_file_json(
    path: str,
    *,
    id: Optional[str] = None,
    lang: Optional[str] = None,
    reference_date: Optional[str] = None,
    region: Optional[str] = None,
    title_hint: Optional[str] = None,
    include_text: bool = True,
    max_bytes: Optional[int] = None,
) -> str: ...
def extract_bytes_json(
    data: bytes,
    name: str,
    *,
    id: Optional[str] = None,
    lang: Optional[str] = None,
    reference_date: Optional[str] = None,
    region: Optional[str] = None,
    title_hint: Optional[str] = None,
    include_text: bool = True,
    max_bytes: Optional[int] = None,
) -> str: ...
def extract_many_json(
    items: list,
    *,
    threads: int,
    start: int = 0,
    lang: Optional[str] = None,
    reference_date: Optional[str] = None,
    region: Optional[str] = None,
    include_text: bool = True,
    max_bytes: Optional[int] = None,
) -> List[Union[str, ExtractError]]: ...
