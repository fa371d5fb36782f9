#!/usr/bin/env bash
# Smoke test of the one-folder build, run with NO Python on PATH, under Xvfb:
#   1. the window starts and opens the demo campaign (screenshot build/smoke/window.png)
#   2. a scanned PDF is imported with OCR (the rapidocr models and onnxruntime come from the bundle)
#   3. a report (评查表, PDF) is written and its text layer read back
# Usage: packaging/smoke.sh [build/dist/casereview]     (needs xvfb, x11-utils, imagemagick, poppler-utils, bc)
# The harness itself may use python3 (to read the demo database); the program runs with PATH=<empty folder>.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$(realpath "${1:-build/dist/casereview}")
out=$(realpath -m build/smoke); rm -rf "$out"; mkdir -p "$out/home" "$out/empty-bin"
uv=$(command -v uv || echo "python3 scripts/uv.py")
$uv run python packaging/make_scan.py "$out/扫描件.pdf"    # input made before PATH is cut
XVFB=/usr/bin/Xvfb; XWININFO=/usr/bin/xwininfo; IMPORT=/usr/bin/import; PDFTOTEXT=/usr/bin/pdftotext
display=:$(( 90 + RANDOM % 9 ))
$XVFB "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
# The program's environment: PATH is an empty folder (no python, no uv), a fresh HOME.
app() { env -i HOME="$out/home" PATH="$out/empty-bin" LANG=C.UTF-8 DISPLAY="$display" CASEREVIEW_USER=smoke \
            "$dist/casereview-cli" "$@"; }
if env -i PATH="$out/empty-bin" /bin/sh -c 'command -v python3 || command -v python' >/dev/null; then
  echo "FAIL: python on PATH"; exit 1
fi
echo "== 1. window + demo"
t0=$(date +%s.%N)
env -i HOME="$out/home" PATH="$out/empty-bin" LANG=C.UTF-8 DISPLAY="$display" CASEREVIEW_USER=smoke \
    "$dist/casereview" gui --demo --db "$out/demo.db" >"$out/gui.log" 2>&1 & gui=$!
for _ in $(seq 1 600); do
  if DISPLAY=$display $XWININFO -root -tree 2>/dev/null | grep -q '案卷评查'; then break; fi
  kill -0 $gui 2>/dev/null || { echo "FAIL: the window process exited"; cat "$out/gui.log"; exit 1; }
  sleep 0.2
done
t1=$(date +%s.%N)
echo "window shown after $(echo "$t1 - $t0" | bc) s"
demo=$(ls resources/demo/demo-* | wc -l)
for _ in $(seq 1 900); do   # the window imports the demo dossiers (its analysis workers are frozen copies too)
  n=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from dossier').fetchone()[0])" \
      "$out/demo.db" 2>/dev/null || echo 0)
  [ "$n" -ge "$demo" ] && break
  kill -0 $gui 2>/dev/null || { echo "FAIL: the window died while opening the demo"; cat "$out/gui.log"; exit 1; }
  sleep 1
done
[ "$n" -ge "$demo" ] || { echo "FAIL: demo campaign not opened ($n of $demo dossiers)"; exit 1; }
echo "demo campaign opened: $n dossiers, $(echo "$(date +%s.%N) - $t0" | bc) s after start"
sleep 3
DISPLAY=$display $IMPORT -window root "$out/window.png"
kill -0 $gui || { echo "FAIL: the window died"; cat "$out/gui.log"; exit 1; }
kill $gui; wait $gui 2>/dev/null || true
echo "== 2. import a scan with OCR"
app --db "$out/s.db" import "$out/扫描件.pdf" --campaign 冒烟 --format json | tee "$out/import.json"
grep -q '"imported": \[' "$out/import.json" && grep -q '扫描件.pdf' "$out/import.json"
app extract "$out/扫描件.pdf" --format json > "$out/extract.json"
grep -q '石河子市某某商贸有限公司' "$out/extract.json" || { echo "FAIL: OCR did not read the party"; exit 1; }
echo "== 3. report"
app --db "$out/s.db" report --campaign 冒烟 --kind casesheet --format pdf -o "$out/评查表.pdf"
$PDFTOTEXT "$out/评查表.pdf" - | grep -q '冒烟' || { echo "FAIL: report text (campaign name not in the PDF's text layer)"; exit 1; }
echo "SMOKE OK: window ($out/window.png), OCR import, report ($out/评查表.pdf)"
