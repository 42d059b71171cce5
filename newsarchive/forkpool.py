"""Forked workers and this process map a function over tasks, results in task order (I/O).

Smaller than concurrent.futures' ProcessPoolExecutor and made for one-shot builds:
- the workers are forked when map() is called, so they inherit every input as it is then
  (nothing is pickled on the way in);
- the calling process is one of the workers: it takes tasks while it waits for results, so a
  2-core machine runs 2 processes, not 3, and its own results are never pickled;
- a task is its index, taken from one pipe by whichever process is free first;
- a worker appends each result, pickled, to a file of its own and sends where it lies on a
  pipe: it never waits for the parent, which may be busy with a task of its own.
No threads: the executor fed its workers from threads of the parent, which waited for the
interpreter while the parent computed, and importing it took 17 ms of every full build.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import signal
import struct
from collections.abc import Callable, Iterable, Iterator
from typing import Any

_TASK = struct.Struct("=I")  # a task's index, as the workers read it off the task pipe
_NOTICE = struct.Struct("=QQ")  # where a worker's result lies in its file: offset, length


class WorkerFailed(RuntimeError):
    """A worker died, or raised an exception that could not be sent back as it was."""


class _Worker:
    """A forked worker as the parent sees it: its pid, its notices and its results file."""

    def __init__(self, pid: int, notices: int, results: int) -> None:
        self.pid, self.notices, self.results = pid, notices, results
        self.pending = bytearray()  # a notice read in part


class ForkPool:
    """This process and `workers - 1` forked ones per map(); close() ends those running."""

    def __init__(self, workers: int, start: Callable[[], object] | None = None) -> None:
        self.workers = workers
        self.start = start  # run in each forked worker first (the pool's initializer)
        self.running: dict[int, _Worker] = {}  # by the pipe its notices come on

    def map(self, function: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        """function(task) for each task, in workers forked now and in this process while the
        results are iterated; results in task order (a worker's exception is raised here)."""
        tasks = list(tasks)
        task_out, task_in = os.pipe()
        # Every task goes in before any worker starts (a few dozen bytes, never blocks);
        # closed here, the pipe tells the workers when there is no task left.
        os.write(task_in, b"".join(_TASK.pack(index) for index in range(len(tasks))))
        os.close(task_in)
        try:
            for _ in range(min(self.workers, len(tasks)) - 1):
                self._fork(function, tasks, task_out)
        except BaseException:
            os.close(task_out)
            raise
        return self._results(function, tasks, task_out)

    def _fork(self, function: Callable[[Any], Any], tasks: list[Any], task_out: int) -> None:
        notices_out, notices_in = os.pipe()
        results = _results_file()
        try:
            pid = os.fork()
        except OSError:  # too many processes: nothing of this worker is left open
            for fd in (notices_out, notices_in, results):
                os.close(fd)
            raise
        if pid == 0:  # the worker: never returns
            os.close(notices_out)
            for other in self.running.values():
                os.close(other.notices)
                os.close(other.results)
            _serve(function, tasks, task_out, (notices_in, results), self.start)
        os.close(notices_in)
        self.running[notices_out] = _Worker(pid, notices_out, results)

    def _results(
        self, function: Callable[[Any], Any], tasks: list[Any], task_out: int
    ) -> Iterator[Any]:
        done: dict[int, Any] = {}
        next_index = 0
        own = True  # tasks may be left for this process to take
        try:
            with selectors.DefaultSelector() as selector:
                for fd in self.running:
                    selector.register(fd, selectors.EVENT_READ)
                while next_index < len(tasks):
                    if next_index in done:
                        yield done.pop(next_index)
                        next_index += 1
                        continue
                    if selector.get_map():  # results first: a worker never waits for them
                        for key, _ in selector.select(0 if own else None):
                            done.update(self._arrived(int(key.fd), selector))
                    if next_index in done:
                        continue
                    if own:
                        own = _take(function, tasks, task_out, done)
                    elif not selector.get_map():
                        missing = len(tasks) - next_index
                        raise WorkerFailed(f"a worker died: {missing} of {len(tasks)} not done")
        finally:
            os.close(task_out)

    def _arrived(self, fd: int, selector: selectors.BaseSelector) -> dict[int, Any]:
        """The results a worker has sent notice of since last asked (none once it exited)."""
        worker = self.running[fd]
        data = os.read(fd, 1 << 16)
        if not data:  # the worker has exited
            selector.unregister(fd)
            self._reap(fd)
            return {}
        worker.pending += data
        arrived: dict[int, Any] = {}
        whole = len(worker.pending) - len(worker.pending) % _NOTICE.size
        for offset, length in _NOTICE.iter_unpack(worker.pending[:whole]):
            index, ok, value = pickle.loads(_read_at(worker.results, length, offset))
            if not ok:
                raise value
            arrived[index] = value
        del worker.pending[:whole]
        return arrived

    def _reap(self, fd: int) -> None:
        worker = self.running.pop(fd)
        os.close(worker.notices)
        os.close(worker.results)
        os.waitpid(worker.pid, 0)

    def close(self) -> None:
        """End and reap the workers still running (after an error or an interrupt)."""
        for fd, worker in list(self.running.items()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.pid, signal.SIGTERM)
            self._reap(fd)


def _read_at(fd: int, length: int, offset: int) -> bytes:
    """`length` bytes of a file from `offset` (one pread reads at most 2 GB)."""
    parts = []
    while length > 0:
        part = os.pread(fd, length, offset)
        if not part:
            raise WorkerFailed("a worker's result file ended early")
        parts.append(part)
        length, offset = length - len(part), offset + len(part)
    return b"".join(parts)


def _results_file() -> int:
    """An unnamed file (in memory on Linux), gone once both processes have closed it."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("newsarchive-results", os.MFD_CLOEXEC)
    import tempfile

    results, path = tempfile.mkstemp(prefix="newsarchive-results-")
    os.unlink(path)
    return results


def _take(
    function: Callable[[Any], Any], tasks: list[Any], task_out: int, done: dict[int, Any]
) -> bool:
    """Run the next task in this process; False when none is left."""
    record = os.read(task_out, _TASK.size)
    if not record:
        return False
    (index,) = _TASK.unpack(record)
    done[index] = function(tasks[index])
    return True


def _serve(
    function: Callable[[Any], Any],
    tasks: list[Any],
    task_out: int,
    sent: tuple[int, int],  # notices pipe, results file
    start: Callable[[], object] | None,
) -> None:
    """A worker's life: take tasks until none is left, send each result, exit."""
    code = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if start is not None:
            start()
        offset = 0
        while record := os.read(task_out, _TASK.size):
            (index,) = _TASK.unpack(record)
            try:
                arrival = (index, True, function(tasks[index]))
            except Exception as exc:  # sent to the parent, which raises it
                import traceback  # only now: a worker rarely fails

                exc.add_note("".join(["in a worker: ", *traceback.format_exception(exc)]))
                arrival = (index, False, exc)
            offset += _send(sent, offset, arrival)
        code = 0
    finally:
        os._exit(code)  # no cleanup: everything here is the parent's, inherited


def _send(sent: tuple[int, int], offset: int, arrival: tuple[int, bool, Any]) -> int:
    """Append a result to the results file and send notice of it; its length."""
    notices, results = sent
    try:
        data = pickle.dumps(arrival, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an exception (or result) that does not pickle
        problem = WorkerFailed(f"task {arrival[0]}: {type(exc).__name__}: {exc}")
        data = pickle.dumps((arrival[0], False, problem), pickle.HIGHEST_PROTOCOL)
    view = memoryview(data)
    while view:
        view = view[os.pwrite(results, view, offset + len(data) - len(view)) :]
    os.write(notices, _NOTICE.pack(offset, len(data)))  # 16 bytes: written whole
    return len(data)
