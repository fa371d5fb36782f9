"""Entry point of the frozen build (PyInstaller): the same `casereview` command as `uv run casereview`."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # OCR and analysis workers are spawned copies of this executable
    from app.cli import main

    sys.exit(main())
