"""The `casereview` command line's arguments, kept apart from the commands' code.

Each module here defines one sub-command's parser with nothing but argparse and the standard library,
so `casereview … --help` and usage errors answer in well under 0.5 s; the command's own module
(``app.commands.*``, with SQLAlchemy, PyMuPDF, OCR…) is imported only when the command runs.
A test imports every module here in a fresh interpreter and fails if a heavy library comes along.
"""

from __future__ import annotations

# sub-command -> (arguments module, implementation module with ``run(args) -> int``), in help order
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("app.cliargs.extract", "app.commands.extract"),
    "check": ("app.cliargs.check", "app.commands.check"),
    "import": ("app.cliargs.importing", "app.commands.importing"),
    "worker": ("app.cliargs.worker", "app.commands.worker"),
    "queue": ("app.cliargs.queue", "app.commands.queue"),
    "db": ("app.cliargs.db", "app.commands.db"),
    "stats": ("app.cliargs.stats", "app.commands.stats"),
    "report": ("app.cliargs.report", "app.commands.report"),
    "user": ("app.cliargs.user", "app.commands.user"),
    "sample": ("app.cliargs.sample", "app.commands.sample"),
    "reconcile": ("app.cliargs.reconcile", "app.commands.reconcile"),
    "ledger": ("app.cliargs.ledger", "app.commands.ledger"),
    "objection": ("app.cliargs.objection", "app.commands.objection"),
    "calibrate": ("app.cliargs.calibrate", "app.commands.calibrate"),
    "export": ("app.cliargs.export", "app.commands.export"),
    "import-export": ("app.cliargs.import_export", "app.commands.import_export"),
}
