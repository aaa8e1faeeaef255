"""A small progress bar on stderr (no dependency): one line per step, redrawn in place on a terminal."""

from __future__ import annotations

import sys
import time


class Progress:
    WIDTH = 30

    def __init__(self, label: str, expected: int) -> None:
        self.label = label
        self.expected = max(1, expected)
        self.started = time.monotonic()
        self.last = self.started
        self.tty = sys.stderr.isatty()

    def update(self, done: int) -> None:
        now = time.monotonic()
        if now - self.last < (0.2 if self.tty else 5.0):
            return
        self.last = now
        self._draw(done, final=False)

    def done(self, done: int) -> None:
        self._draw(done, final=True)

    def _draw(self, done: int, *, final: bool) -> None:
        fraction = 1.0 if final else min(1.0, done / self.expected)
        filled = int(fraction * self.WIDTH)
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        bar = "#" * filled + "." * (self.WIDTH - filled)
        line = f"  {self.label:<28} [{bar}] {fraction:4.0%} {done:>11,} rows {elapsed:6.1f} s {rate:>9,.0f}/s"
        if self.tty:
            sys.stderr.write("\r" + line + ("\n" if final else ""))
        elif final or elapsed > 0:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()
