"""Work on another thread while the build goes on: a LibreOffice run waits on a process, not on
Python, so the generators after it need not wait too.

`Background(fn)` starts `fn` on a daemon thread; `result()` joins it and returns its value or raises
its exception. A daemon thread never keeps htpm alive: on an interrupt or an error the build ends
every LibreOffice run still going (htpm.pdf ends them at exit too)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    def __init__(self, fn: Callable[[], T], name: str = "htpm-background") -> None:
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fn,), name=name, daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[[], T]) -> None:
        try:
            self._value = fn()
        except BaseException as exc:  # handed to whoever asks for the result
            self._error = exc

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
