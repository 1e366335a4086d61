"""The Python API against the command line: same records, same errors."""

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import prex
from conftest import DOCS, ROOT, by_id

RU = (
    "Бишкек, 13 сентября 2017\n\n"
    "Европейский Союз выделил 5 млн евро на программу. "
    "Контакты: Иван Петров, +996 312 26 10 00, ivan@example.org\n"
)
EN = (
    "WASHINGTON, May 3, 2011 — The Department of Justice announced on Tuesday "
    "a $2.5 million settlement with Acme Corp. Contact: press@example.com, (202) 514-2007.\n"
)


def texts(n):
    """n different documents, both languages, with relative dates."""
    out = []
    for i in range(n):
        base = RU if i % 2 else EN
        out.append(base + f"\nNumber {i}: {i * 1000 + 7} rubles on {1 + i % 28} March 2019.\n" * (1 + i % 3))
    return out


def test_version_is_the_cli_version(cli):
    code, out, _ = cli("--version")
    assert code == 0
    assert out == [f"extract {prex.__version__}"]


def test_public_api_is_documented_and_typed():
    for name in prex.__all__:
        assert hasattr(prex, name), name
        obj = getattr(prex, name)
        if callable(obj):
            assert obj.__doc__ and len(obj.__doc__) > 40, name
    pkg = Path(prex.__file__).parent
    assert (pkg / "py.typed").exists()
    assert (pkg / "_prex.pyi").exists()
    assert issubclass(prex.ExtractError, ValueError)
    assert prex.ExtractError.__module__ == "prex"


def test_extract_record_shape():
    r = prex.extract(RU)
    assert r["id"] == "-"
    assert r["lang"] == "ru"
    assert r["date"] == "2017-09-13"
    assert r["text"] == RU
    assert r["source"]["format"] == "jsonl"
    assert {"zones", "paragraphs", "sentences", "entities", "contacts"} <= set(r)
    assert "ivan@example.org" in r["emails"]
    assert any(a["currency"] == "EUR" for a in r["amounts"])
    e = prex.extract(EN, id="doc-1", include_text=False)
    assert e["id"] == "doc-1" and e["lang"] == "en" and "text" not in e or e.get("text") is None


def test_extract_is_the_cli_from_jsonl_line(cli, tmp_path):
    docs = [
        {"id": "a", "text": RU},
        {"id": "b", "text": EN, "lang": "en", "reference_date": "2020-02-29", "region": "us"},
        {"id": "c", "text": "Совещание состоится в следующий вторник.", "reference_date": "2024-01-31"},
    ]
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    code, lines, err = cli("--from-jsonl", str(src))
    assert code == 0, err
    assert len(lines) == len(docs)
    for i, (d, line) in enumerate(zip(docs, lines)):
        kw = {k: v for k, v in d.items() if k != "text"}
        mine = prex.extract(d["text"], **kw, as_json=True)
        # Only source.path differs: the CLI shows FILE:LINE.
        want = line.replace(json.dumps(f"{src}:{i + 1}"), json.dumps(d["id"]))
        assert mine == want
        assert prex.extract(d["text"], **kw) == json.loads(want)


def test_seed_golden_records(in_root):
    """The seed's golden records (= `extract -j2 --no-text fixtures/docs`)."""
    golden = ROOT / "fixtures" / "golden"
    for name in ["bishkek-2017-09-13.txt", "bishkek-2017-09-13.cp1251.txt", "bishkek-2017-09-13.docx"]:
        want = json.loads((golden / f"seed__{name}.json").read_text(encoding="utf-8"))
        got = prex.extract_file(f"fixtures/docs/seed/{name}", id=f"seed/{name}", include_text=False)
        assert got == want, name


def test_every_fixture_doc_equals_the_cli(cli, in_root):
    code, lines, err = cli("-j2", "fixtures/docs")
    assert code == 0, err
    want = by_id(lines)
    assert len(want) >= 16
    for id_, rec in want.items():
        path = f"fixtures/docs/{id_}"
        assert prex.extract_file(path, id=id_) == rec, id_
        data = (ROOT / path).read_bytes()
        assert prex.extract_bytes(data, path, id=id_) == rec, id_
        assert prex.extract_file(Path(path), id=id_, as_json=True) == json.dumps(
            rec, ensure_ascii=False, separators=(",", ":")
        ) or json.loads(prex.extract_file(Path(path), id=id_, as_json=True)) == rec


def test_file_id_defaults_to_the_path_as_given(cli, in_root):
    path = "fixtures/docs/en/doj_release_00128.txt"
    code, lines, _ = cli(path)
    assert code == 0
    assert prex.extract_file(path, as_json=True) == lines[0]


def test_parallel_equals_serial():
    docs = texts(40)
    serial = [prex.extract(t, id=str(i)) for i, t in enumerate(docs)]
    one = prex.extract_many(docs, threads=1)
    two = prex.extract_many(docs, threads=2)
    four = prex.extract_many(docs, threads=4)
    assert one == serial
    assert two == serial
    assert four == serial
    chunked = list(prex.iter_extract(iter(docs), threads=2, chunk_size=3))
    assert chunked == serial
    assert prex.extract_many(docs, threads=2, as_json=True) == [
        prex.extract(t, id=str(i), as_json=True) for i, t in enumerate(docs)
    ]


def test_many_with_dicts_and_defaults():
    items = [
        {"id": "x", "text": "Встреча пройдёт завтра."},
        {"id": 7, "text": "The meeting is tomorrow.", "reference_date": "2021-06-01"},
        "Встреча пройдёт завтра.",
    ]
    got = prex.extract_many(items, threads=2, reference_date="2020-01-01", include_text=False)
    assert [r["id"] for r in got] == ["x", "7", "2"]
    assert got[0] == prex.extract(items[0]["text"], id="x", reference_date="2020-01-01", include_text=False)
    assert got[1] == prex.extract(items[1]["text"], id="7", reference_date="2021-06-01", include_text=False)
    assert got[2]["dates"] == got[0]["dates"]


def test_iter_extract_is_lazy_and_ordered():
    pulled = []

    def source():
        for i in range(1000):
            pulled.append(i)
            yield f"Document {i} of 1 March 2020."

    it = prex.iter_extract(source(), threads=2, chunk_size=10)
    first = next(it)
    assert first["id"] == "0"
    # At most the chunk being yielded and the next one were read.
    assert len(pulled) <= 20
    rest = list(it)
    assert [r["id"] for r in rest] == [str(i) for i in range(1, 1000)]


def test_gil_is_released_while_working():
    docs = texts(400)
    ticks = 0
    done = threading.Event()

    def work():
        prex.extract_many(docs, threads=1)
        done.set()

    t = threading.Thread(target=work)
    start = time.perf_counter()
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    elapsed = time.perf_counter() - start
    # The main thread kept running: with the GIL held for the whole call
    # it would have ticked about once.
    assert elapsed > 0.1, "too little work to tell"
    assert ticks > 20


def test_bad_arguments_raise_extract_error_with_cli_messages(cli):
    for kw, flag, value in [
        ("lang", "--lang", "xx"),
        ("reference_date", "--reference-date", "2020-13-45"),
        ("region", "--region", "Russia"),
    ]:
        code, _, err = cli(flag, value, "-", input="text")
        assert code == 2
        cli_reason = err.strip().split(f"{flag}: ", 1)[1]
        with pytest.raises(prex.ExtractError) as e:
            prex.extract("text", **{kw: value})
        assert str(e.value) == f"{kw}: {cli_reason}"
        with pytest.raises(prex.ExtractError):
            prex.extract_many(["text"], **{kw: value})
    for threads in (0, -1, 1.5, True):
        with pytest.raises(prex.ExtractError, match="threads must be at least 1"):
            prex.extract_many(["text"], threads=threads)
    with pytest.raises(prex.ExtractError, match="on_error"):
        prex.extract_many(["text"], on_error="ignore")
    with pytest.raises(prex.ExtractError, match="max_bytes"):
        prex.extract("text", max_bytes=0)


def test_bad_files_raise_extract_error_with_cli_messages(cli, in_root, tmp_path):
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(b"PK\x03\x04 this is not a zip archive at all")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    cases = [
        str(tmp_path / "missing.txt"),
        str(damaged),
        str(empty),
        str(binary),
        "fixtures/docx/tika__testWORD_protected_passtika.docx",
        str(tmp_path),  # a directory given as a file
    ]
    for path in cases:
        code, lines, err = cli(path) if path != str(tmp_path) else (None, None, None)
        with pytest.raises(prex.ExtractError) as e:
            prex.extract_file(path)
        if code is not None:
            assert code == 1 and not lines, path
            assert err.strip() == f"extract: {e.value}", path
        with pytest.raises(prex.ExtractError) as b:
            if Path(path).is_file():
                prex.extract_bytes(Path(path).read_bytes(), path)
            else:
                raise prex.ExtractError("not a file")
    big = "fixtures/docs/en/doj_release_00128.txt"
    code, _, err = cli("--max-bytes", "100", big)
    with pytest.raises(prex.ExtractError) as e:
        prex.extract_file(big, max_bytes=100)
    assert err.strip() == f"extract: {e.value}"
    assert "file too large" in str(e.value)
    with pytest.raises(prex.ExtractError, match="too large"):
        prex.extract("x" * 101, max_bytes=100)


def test_bad_items_per_on_error():
    items = ["Good text one.", 42, {"id": "no-text"}, {"id": "l", "text": "x", "lang": "fr"}, "Good text two."]
    with pytest.raises(prex.ExtractError, match=r"^1: expected a str or a dict, got int$"):
        prex.extract_many(items, threads=2)
    got = prex.extract_many(items, threads=2, on_error="skip")
    assert [r["id"] for r in got] == ["0", "4"]
    got = prex.extract_many(items, threads=2, on_error="return")
    assert [type(r) for r in got] == [dict, prex.ExtractError, prex.ExtractError, prex.ExtractError, dict]
    assert str(got[2]) == 'no-text: missing "text"'
    assert str(got[3]) == 'l: lang: unknown language "fr" (auto, ru or en)'


def test_odd_text_never_crashes():
    odd = ["", " ", "\x00\x01", "\ud800 lone surrogate", "а" * 100_000, "1" * 5000, "()" * 3000, "\u202e" * 50]
    for r in prex.extract_many(odd, threads=2, on_error="return"):
        assert isinstance(r, (dict, prex.ExtractError))
    with pytest.raises(prex.ExtractError):
        prex.extract("\ud800")


def test_first_call_loads_once(tmp_path):
    """Import is cheap; the first call loads the data; later calls do not."""
    code = (
        "import time; t0=time.perf_counter(); import prex; t1=time.perf_counter();"
        "prex.extract('Москва, 1 марта 2020. Банк России.'); t2=time.perf_counter();"
        "prex.extract('Москва, 2 марта 2020. Банк России.'); t3=time.perf_counter();"
        "print(t1-t0, t2-t1, t3-t2)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    imp, first, second = map(float, out.split())
    assert second < first


def test_runs_against_the_installed_package():
    """The suite tests the wheel, not the source tree."""
    assert "site-packages" in prex.__file__ or "dist-packages" in prex.__file__
    assert Path(prex._prex.__file__).suffix in (".so", ".pyd")
