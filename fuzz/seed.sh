#!/bin/sh
# Fills fuzz/corpus/<target>/ with seeds from the repository's fixtures.
# The corpora themselves are not committed (libFuzzer grows them to
# thousands of files); this script rebuilds the starting point.
set -eu
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/text_pipeline fuzz/corpus/docx_reader
# Prefix with the parent directory: the same name occurs in several places.
for f in fixtures/docs/*/*.txt fixtures/segment/*.txt; do
    cp "$f" "fuzz/corpus/text_pipeline/$(basename "$(dirname "$f")")__$(basename "$f")"
done
for f in fixtures/docx/*.docx fixtures/docs/*/*.docx; do
    cp "$f" "fuzz/corpus/docx_reader/$(basename "$(dirname "$f")")__$(basename "$f")"
done
echo "text_pipeline: $(ls fuzz/corpus/text_pipeline | wc -l) seeds"
echo "docx_reader:   $(ls fuzz/corpus/docx_reader | wc -l) seeds"
