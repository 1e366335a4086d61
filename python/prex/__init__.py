"""prex: press releases in, structured search-ready records out.

The Python face of the Rust library ``prex``: every function returns the
same record as the command line ``extract`` (the contract of
``spec/record.md``, validated by ``schemas/record.schema.json``), as a
``dict`` -- or, with ``as_json=True``, as the very JSON line the CLI
writes.

>>> import prex
>>> r = prex.extract("Бишкек, 13 сентября 2017\\nЕвропейский Союз продолжает работу.")
>>> r["lang"], r["date"]
('ru', '2017-09-13')

Work runs in Rust with the GIL released; ``extract_many`` and
``iter_extract`` use ``threads`` worker threads. An input that cannot
become a record raises :class:`ExtractError` carrying the CLI's message.
The Russian dictionary and the gazetteers load once per process, on the
first call.

This module only converts and chunks: it holds no extraction logic.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from . import _prex
from ._prex import ExtractError

__all__ = [
    "ExtractError",
    "extract",
    "extract_file",
    "extract_bytes",
    "extract_many",
    "iter_extract",
    "__version__",
]

__version__: str = _prex.__version__

Item = Union[str, Mapping[str, Any]]
"""An input of ``extract_many``: a text, or a dict with ``text`` and
optionally ``id``, ``lang``, ``reference_date``, ``region``,
``title_hint`` (these override the call's keyword arguments)."""

_ON_ERROR = ("raise", "skip", "return")


def _decode(line: str, as_json: bool) -> Any:
    return line if as_json else json.loads(line)


def _opts(
    lang: Optional[str],
    reference_date: Optional[str],
    region: Optional[str],
    title_hint: Optional[str],
    include_text: bool,
    max_bytes: Optional[int],
) -> Dict[str, Any]:
    """The options dict of the native functions (``None`` = default)."""
    return {
        "lang": lang,
        "reference_date": reference_date,
        "region": region,
        "title_hint": title_hint,
        "include_text": include_text,
        "max_bytes": max_bytes,
    }


def extract(
    text: str,
    *,
    id: str = "-",
    lang: Optional[str] = None,
    reference_date: Optional[str] = None,
    region: Optional[str] = None,
    title_hint: Optional[str] = None,
    include_text: bool = True,
    max_bytes: Optional[int] = None,
    as_json: bool = False,
) -> Any:
    """The record of one text.

    ``lang`` is ``"auto"`` (the default when None), ``"ru"`` or ``"en"``;
    ``reference_date`` (``YYYY-MM-DD``) anchors relative dates when the text
    has no release date; ``region`` (ISO 3166-1 alpha-2) is the default
    country of national phone numbers; ``title_hint`` is a known title
    (as a DOCX core title is). ``include_text=False`` leaves ``text`` out
    (the CLI's ``--no-text``); ``max_bytes`` is the CLI's ``--max-bytes``.

    The text is taken as decoded already: ``source.format`` is ``"jsonl"``
    as for ``extract --from-jsonl``, and ``id`` and ``source.path`` are
    ``id``. Raises :class:`ExtractError` on a bad argument or a text over
    ``max_bytes``.
    """
    opts = _opts(lang, reference_date, region, title_hint, include_text, max_bytes)
    return _decode(_prex.extract_json(text, id, opts), as_json)


def extract_file(
    path: Union[str, "os.PathLike[str]"],
    *,
    id: Optional[str] = None,
    lang: Optional[str] = None,
    reference_date: Optional[str] = None,
    region: Optional[str] = None,
    title_hint: Optional[str] = None,
    include_text: bool = True,
    max_bytes: Optional[int] = None,
    as_json: bool = False,
) -> Any:
    """The record of one TXT or DOCX file, read as ``extract PATH`` reads it.

    The format comes from the extension and the bytes, the text encoding is
    detected (UTF-8/16, windows-1251, KOI8-R, ...). ``id`` defaults to the
    path as given (the CLI's id of a file argument; a directory walk's id
    is the path relative to the directory, pass it as ``id``). Other
    arguments as for :func:`extract`.

    Raises :class:`ExtractError` with the CLI's message (``PATH: reason``)
    for a missing, empty, binary, encrypted, damaged or too large file.
    """
    opts = _opts(lang, reference_date, region, title_hint, include_text, max_bytes)
    return _decode(_prex.extract_file_json(os.fspath(path), id, opts), as_json)


def extract_bytes(
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
    as_json: bool = False,
) -> Any:
    """The record of a file's bytes, as :func:`extract_file` would read the
    file ``name`` (its extension and the bytes pick TXT or DOCX; ``name`` is
    ``source.path`` and the default ``id``). For bytes that are not on a
    local disk, e.g. Spark's ``binaryFile`` rows."""
    opts = _opts(lang, reference_date, region, title_hint, include_text, max_bytes)
    return _decode(_prex.extract_bytes_json(bytes(data), name, id, opts), as_json)


def _threads(threads: Optional[int]) -> int:
    if threads is None:
        return os.cpu_count() or 1
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ExtractError(f"threads must be at least 1, got {threads!r}")
    return threads


def iter_extract(
    items: Iterable[Item],
    threads: Optional[int] = None,
    *,
    chunk_size: Optional[int] = None,
    on_error: str = "raise",
    lang: Optional[str] = None,
    reference_date: Optional[str] = None,
    region: Optional[str] = None,
    include_text: bool = True,
    max_bytes: Optional[int] = None,
    as_json: bool = False,
) -> Iterator[Any]:
    """Records of a stream of texts or dicts, lazily, in input order.

    Items are read ``chunk_size`` at a time (default ``64 * threads``);
    while one chunk is analysed in Rust on ``threads`` workers (default:
    all cores) with the GIL released, the previous chunk's records are
    decoded and yielded, so memory stays bounded by two chunks however long
    the stream.

    A str item gets the id ``str(index)``; a dict item is ``{"text", "id"?,
    "lang"?, "reference_date"?, "region"?, "title_hint"?}`` like a line of
    ``extract --from-jsonl``. ``on_error`` says what a failed item gives:
    ``"raise"`` (:class:`ExtractError`, naming the item's id), ``"skip"``
    (nothing), or ``"return"`` (the ``ExtractError`` instance in its place).
    """
    if on_error not in _ON_ERROR:
        raise ExtractError(f"on_error must be one of {', '.join(_ON_ERROR)}, got {on_error!r}")
    n = _threads(threads)
    size = chunk_size if chunk_size is not None else 64 * n
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ExtractError(f"chunk_size must be at least 1, got {chunk_size!r}")
    opts = _opts(lang, reference_date, region, None, include_text, max_bytes)
    # Checks the arguments now, not at the first next().
    _prex.extract_many_json([], n, 0, opts)
    return _stream(iter(items), size, on_error, as_json, n, opts)


def _chunks(it: Iterator[Item], size: int) -> Iterator[List[Item]]:
    while True:
        chunk = []
        for item in it:
            chunk.append(item)
            if len(chunk) == size:
                break
        if not chunk:
            return
        yield chunk
        if len(chunk) < size:
            return


def _stream(
    it: Iterator[Item], size: int, on_error: str, as_json: bool, threads: int, opts: Dict[str, Any]
) -> Iterator[Any]:
    start = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="prex-feed") as feeder:
        chunks = _chunks(it, size)
        first = next(chunks, None)
        if first is None:
            return
        pending = feeder.submit(_prex.extract_many_json, first, threads, start, opts)
        start += len(first)
        while pending is not None:
            results = pending.result()
            nxt = next(chunks, None)
            if nxt is not None:
                pending = feeder.submit(_prex.extract_many_json, nxt, threads, start, opts)
                start += len(nxt)
            else:
                pending = None
            for r in results:
                if isinstance(r, str):
                    yield _decode(r, as_json)
                elif on_error == "raise":
                    raise r
                elif on_error == "return":
                    yield r


def extract_many(
    items: Iterable[Item],
    threads: Optional[int] = None,
    *,
    on_error: str = "raise",
    lang: Optional[str] = None,
    reference_date: Optional[str] = None,
    region: Optional[str] = None,
    include_text: bool = True,
    max_bytes: Optional[int] = None,
    as_json: bool = False,
) -> List[Any]:
    """Records of many texts or dicts, in input order, as a list.

    Runs on ``threads`` workers (default: all cores) with the GIL released;
    the result does not depend on ``threads``. Items and ``on_error`` as for
    :func:`iter_extract`, of which this is the list form.
    """
    return list(
        iter_extract(
            items,
            threads,
            on_error=on_error,
            lang=lang,
            reference_date=reference_date,
            region=region,
            include_text=include_text,
            max_bytes=max_bytes,
            as_json=as_json,
        )
    )
