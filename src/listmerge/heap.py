"""How long what a run reads lives. In the console script (``console.run``) a run is the whole
process: the entries it has read, and the records made of them, live to its end, and nothing
among them is cyclic garbage. Once reading is over they are moved out of the cyclic garbage
collector's sight (``gc.freeze``), so its later passes walk only what matching and rendering
make, not the whole input again. A program that calls listmerge as a library keeps its
collector as it is.
"""
from __future__ import annotations

import gc

_whole_process = False


def whole_process() -> None:
    """Declare this process one run of listmerge (the console script does)."""
    global _whole_process
    _whole_process = True


def is_whole_process() -> bool:
    return _whole_process


def reading_done() -> None:
    """What has been read so far lives to the end of the run: in a whole-process run, the
    collector no longer walks it."""
    if _whole_process:
        gc.freeze()
