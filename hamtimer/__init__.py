"""hamtimer: a terminal interval timer that walks a runner through a strength circuit."""

__version__ = "0.1.0"
