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
  much larger than it needs to be.  Freed memory is handed back every ``COLLECT_SECONDS``
  (``release_memory``; glibc only).  Capping the arenas works only from the process's
  start: a host sets ``MALLOC_ARENA_MAX=2`` in the environment (README).
- **A full garbage collection every ``COLLECT_SECONDS``**, just before that, after the
  training desks kept for a reload (``ui.desk``) of sessions long gone are dropped:
  Streamlit's own collection after every script run is switched off in
  ``.streamlit/config.toml`` (it cost ~0.1 s per redraw of every visitor), so what the
  sessions of a class that has left held is collected here instead.
"""
import ctypes
import ctypes.util
import gc
import sys
import threading
import time

from threadpoolctl import threadpool_limits

COLLECT_SECONDS = 10.0


def _glibc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim  # noqa: B018 - glibc has it; musl does not
        return libc
    except (OSError, AttributeError):
        return None


_libc = _glibc()


def release_memory():
    """Give memory that the process freed back to the system (glibc only; else a no-op)."""
    if _libc is not None:
        _libc.malloc_trim(0)


def _collect_forever():
    from ui import desk  # training desks of sessions that have gone (kept for a reload) expire here

    while True:
        time.sleep(COLLECT_SECONDS)
        desk.expire()
        gc.collect()
        release_memory()


def _apply():
    threadpool_limits(limits=1, user_api="blas")
    threading.Thread(target=_collect_forever, name="memory-collect", daemon=True).start()


_apply()
