"""Process-wide settings for one server shared by many sessions, applied once on import.

Every page imports ``ui.shell``, which imports this module, so the settings hold before
any session computes anything.

- **BLAS on one thread per call.**  Sessions compute at the same time in their own
  threads (page scripts, training runs).  OpenBLAS keeps one pool of worker threads for
  the whole process: two sessions that call a threaded product at once wait for each
  other, and the pool's spinning workers take the core another session needs.  The
  products here are small, so one thread per call loses little for one visitor and the
  cores are shared out across visitors instead.
- **Memory returns to the system.**  With glibc, every thread that allocates may get its
  own malloc arena, and freed memory stays in it: a class of visitors leaves the process
  much larger than it needs to be.  We cap the arenas at two and hand freed memory back
  after each training run (``release_memory``) and every ``TRIM_SECONDS`` (what the
  sessions of a class that has left held).  Elsewhere (macOS, Windows, musl) these are
  skipped.
"""
import ctypes
import ctypes.util
import logging
import sys
import threading
import time

from threadpoolctl import threadpool_limits

M_ARENA_MAX = -8  # mallopt parameter number in glibc's malloc.h
TRIM_SECONDS = 20.0
log = logging.getLogger(__name__)


def _glibc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt, libc.malloc_trim  # noqa: B018 - glibc has both; musl has neither
        return libc
    except (OSError, AttributeError):
        return None


_libc = _glibc()


def release_memory():
    """Give memory that the process freed back to the system (glibc only; else a no-op)."""
    if _libc is not None:
        _libc.malloc_trim(0)


def _trim_forever():
    while True:
        time.sleep(TRIM_SECONDS)
        release_memory()


def _apply():
    threadpool_limits(limits=1, user_api="blas")
    if _libc is not None:
        if _libc.mallopt(M_ARENA_MAX, 2) != 1:
            log.warning("could not cap malloc arenas")
        threading.Thread(target=_trim_forever, name="memory-trim", daemon=True).start()


_apply()
