"""Using prex from Python: one text, a folder of files, many texts in parallel.

    pip install ./python            # or: pip install "$(scripts/python-wheel)"
    python examples/python_extract.py fixtures/docs > records.jsonl

Prints a short summary per document to stderr and writes the records as
JSONL (the CLI's lines, `extract -j2 fixtures/docs`) to stdout.
"""

import json
import sys
from pathlib import Path

import prex


def main(folder: str) -> int:
    # One text: a dict with the same contract as the CLI's record.
    r = prex.extract("Москва, 12 марта 2024 г. Банк России сохранил ключевую ставку.")
    print(r["date"], r["organizations"], file=sys.stderr)

    # A folder, file by file (TXT or DOCX, encoding detected; the GIL is
    # released while each is read and analysed); ids as the CLI gives them
    # (path relative to the folder).
    root = Path(folder)
    paths = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".txt", ".docx"))
    errors = 0
    for path in paths:
        rel = path.relative_to(root).as_posix()
        try:
            line = prex.extract_file(path, id=rel, as_json=True)
        except prex.ExtractError as e:  # the CLI's message: "PATH: reason"
            print(f"error: {e}", file=sys.stderr)
            errors += 1
            continue
        rec = json.loads(line)
        print(f"{rel}: {rec['lang']} {rec['date']} {len(rec['entities'])} entities", file=sys.stderr)
        print(line)

    # Many texts at once, in parallel, in input order.
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths if p.suffix == ".txt"]
    records = prex.extract_many(texts, threads=2, include_text=False)
    print(f"{len(records)} texts, {sum(len(r['entities']) for r in records)} entities", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "fixtures/docs"))
