#!/usr/bin/env bash
# Smoke test of a regular (non-editable) install: `pip install .` into a fresh virtual
# environment, then every command that reads bundled files, run from a folder that is not the
# checkout. CI runs this besides the editable install the tests use.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$here"
rm -rf "$here/build"  # setuptools' scratch folder

mkdir "$work/project"
cp -r "$here/seeds" "$here/makedocs.toml" "$work/project/"
cd "$work/project"
md="$work/venv/bin/makedocs"
"$md" --version
"$md" themes
"$md" build
"$md" booklet --test-sheet -o dist/booklet.pdf
"$md" booklet --cmyk -o dist/booklet-cmyk.pdf  # the bundled ICC profile is installed too
"$md" deck -o dist/deck-4x3.pptx --aspect 4:3
installed="$("$md" themes)"
for theme in $(cd "$here/templates" && ls */theme.toml | cut -d/ -f1); do
  grep -q "^$theme " <<<"$installed" || { echo "theme $theme is not installed"; exit 1; }
  "$md" build --theme "$theme" -o "dist-$theme" >/dev/null
done
"$md" init new-project >/dev/null && (cd new-project && "$md" build >/dev/null)
test -s dist/booklet.pdf && test -s dist/deck.pptx && test -s dist/test-sheet.pdf
grep -q GTS_PDFX dist/booklet-cmyk.pdf
python3 - "$work/project" <<'PY'
import sys, zipfile, pathlib
root = pathlib.Path(sys.argv[1])
for pdf in root.glob("dist*/*.pdf"):
    assert pdf.read_bytes().startswith(b"%PDF"), pdf
for deck in root.glob("dist*/*.pptx"):
    assert zipfile.ZipFile(deck).testzip() is None, deck
print("non-editable install: ok")
PY
