#!/usr/bin/env bash
# One-folder desktop build with PyInstaller (independent of .ci): build/dist/casereview/
#   packaging/build.sh            # build, then print the folder's size
#   packaging/build.sh --smoke    # build, then run packaging/smoke.sh on it (Xvfb, no Python on PATH)
# Windows (same spec, run in PowerShell from the repository):
#   $env:UV_PROJECT_ENVIRONMENT='build\venv'; uv sync --locked --extra build; uv run pyinstaller --noconfirm --clean --distpath build\dist `
#       --workpath build\pyinstaller packaging\casereview.spec
# The build machine's glibc is the oldest the Linux build runs on (build on the oldest system you support;
# PySide6 6.11's own libraries need glibc >= 2.34 anyway).
set -euo pipefail
cd "$(dirname "$0")/.."
uv=$(command -v uv || echo "python3 scripts/uv.py")
export UV_PROJECT_ENVIRONMENT=build/venv   # its own environment: the runtime + PyInstaller, no test tools
$uv sync --locked --extra build
start=$(date +%s)
$uv run --extra build pyinstaller --noconfirm --clean --log-level WARN \
    --distpath build/dist --workpath build/pyinstaller packaging/casereview.spec
echo "built in $(( $(date +%s) - start )) s: $(du -sh build/dist/casereview | cut -f1) in build/dist/casereview"
echo "glibc of this build machine: $(ldd --version | head -1)"
if [ "${1:-}" = "--smoke" ]; then
  packaging/smoke.sh build/dist/casereview
fi
