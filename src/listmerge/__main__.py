"""python -m listmerge: the console script's run (``console.run``)."""
from .console import run

run()
