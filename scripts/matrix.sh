#!/usr/bin/env bash
# The test suite on each supported CPython (3.11, 3.12, 3.13), each in its own environment .venv-3.X.
#
#   scripts/matrix.sh                 # all three; logs in build/matrix/3.X.log, a summary at the end
#   scripts/matrix.sh 3.12            # one version
#   PYTEST_ARGS='-m "not slow"' scripts/matrix.sh
#
# The interpreter is python3.X from PATH, else a pyenv build (~/.pyenv/versions/3.X.*), else whatever
# `uv` finds or downloads for "3.X". CI (.ci/run) runs the suite on the default interpreter only; this
# script is the documented way to cover the other two (about 10 minutes each on an idle 2-core machine).
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
versions=("$@")
[ ${#versions[@]} -eq 0 ] && versions=(3.11 3.12 3.13)
mkdir -p build/matrix
uv=$(command -v uv || echo "python3 scripts/uv.py")

interpreter() {
  local v=$1 exe
  exe=$(command -v "python$v" 2>/dev/null) && "$exe" -c 'pass' 2>/dev/null && { echo "$exe"; return; }
  for exe in "$HOME"/.pyenv/versions/"$v".*/bin/python"$v"; do
    [ -x "$exe" ] && { echo "$exe"; return; }
  done
  echo "$v"
}

declare -A result
for v in "${versions[@]}"; do
  py=$(interpreter "$v")
  log=build/matrix/$v.log
  export UV_PROJECT_ENVIRONMENT=.venv-$v
  echo "== CPython $v ($py) -> $log"
  {
    $uv sync --locked --extra test --python "$py" &&
    .venv-"$v"/bin/python -c 'import sys, PySide6; print(sys.version); print("PySide6", PySide6.__version__)' &&
    eval ".venv-$v/bin/python -m pytest -q -p no:cacheprovider ${PYTEST_ARGS:-}"
  } >"$log" 2>&1
  code=$?
  result[$v]="exit $code: $(grep -E '^[0-9]+ (passed|failed)|^(FAILED|ERROR)' "$log" | tail -1)"
  echo "   ${result[$v]}"
done
echo "== summary"
status=0
for v in "${versions[@]}"; do
  echo "CPython $v: ${result[$v]}"
  case ${result[$v]} in "exit 0:"*) ;; *) status=1 ;; esac
done
exit $status
