"""Preloaded by the analysis pool's forkserver (``set_forkserver_preload``): the forkserver and every
worker it forks die with the importing process.

The forkserver waits for EOF on a pipe whose write end every worker holds, so it outlived a killed
window or CLI for as long as its workers did, and they lived forever. Importing this module in the
forkserver ties it to its parent, and each child it forks to the forkserver from the moment of the fork
(the worker's own initializer, which also watches the importer, runs only after it has unpickled its
start-up data: seconds on a loaded machine).
"""

import os

from app.lifeline import die_with_parent

die_with_parent()
os.register_at_fork(after_in_child=die_with_parent)
