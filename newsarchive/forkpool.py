"""Forked worker processes that map a function over tasks, results back in task order (I/O).

Smaller than concurrent.futures' ProcessPoolExecutor and made for one-shot builds: the
workers are forked when map() is called, so they inherit every input as it is then (nothing
is pickled on the way in); they take the tasks from one pipe (a task is its index, the
first free worker takes the next), and each sends its results back, pickled, on a pipe of
its own, which the parent reads as they come. No threads: the executor fed its workers
from threads of the parent, which waited for the interpreter while the parent computed,
and importing it and multiprocessing took 17 ms of every full build's start.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import selectors
import signal
import struct
from collections.abc import Callable, Iterable, Iterator
from typing import Any

_TASK = struct.Struct("=I")  # a task's index, as the workers read it off the task pipe
_FRAME = struct.Struct("=Q")  # the length of one pickled result
_PIPE_SIZE = 1 << 20  # results wait in the pipe while the parent is busy (Linux's cap)


class WorkerFailed(RuntimeError):
    """A worker died, or raised an exception that could not be sent back as it was."""


class ForkPool:
    """Up to `workers` processes per map(); close() ends any still running."""

    def __init__(self, workers: int, start: Callable[[], object] | None = None) -> None:
        self.workers = workers
        self.start = start  # run in each worker once forked (the pool's initializer)
        self.running: dict[int, int] = {}  # result pipe -> worker pid

    def map(self, function: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        """function(task) for each task, in workers forked now; results in task order
        (a worker's exception is raised here, in the parent)."""
        tasks = list(tasks)
        task_out, task_in = os.pipe()
        # Every task goes in before any worker starts (a few dozen bytes, never blocks);
        # closed here, the pipe tells the workers when there is no task left.
        os.write(task_in, b"".join(_TASK.pack(index) for index in range(len(tasks))))
        os.close(task_in)
        try:
            for _ in range(min(self.workers, len(tasks))):
                self._fork(function, tasks, task_out)
        finally:
            os.close(task_out)
        return self._results(len(tasks))

    def _fork(self, function: Callable[[Any], Any], tasks: list[Any], task_out: int) -> None:
        result_out, result_in = os.pipe()
        with contextlib.suppress(OSError):  # a lower cap: results wait a little more often
            fcntl.fcntl(result_in, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            os.close(result_out)
            for other in self.running:
                os.close(other)
            _serve(function, tasks, task_out, result_in, self.start)
        os.close(result_in)
        self.running[result_out] = pid

    def _results(self, count: int) -> Iterator[Any]:
        done: dict[int, Any] = {}
        next_index = 0
        for index, ok, value in self._arrivals():
            if not ok:
                raise value
            done[index] = value
            while next_index in done:
                yield done.pop(next_index)
                next_index += 1
        if next_index < count:
            raise WorkerFailed(f"a worker died: {count - next_index} of {count} tasks not done")

    def _arrivals(self) -> Iterator[tuple[int, bool, Any]]:
        """(task, ok, result or exception) as the workers send them, until all have exited."""
        buffers = {fd: bytearray() for fd in self.running}
        with selectors.DefaultSelector() as selector:
            for fd in buffers:
                selector.register(fd, selectors.EVENT_READ)
            while buffers:
                for key, _ in selector.select():
                    fd = int(key.fd)
                    chunk = os.read(fd, _PIPE_SIZE)
                    if not chunk:  # the worker has exited
                        selector.unregister(fd)
                        del buffers[fd]
                        self._reap(fd)
                        continue
                    buffer = buffers[fd]
                    buffer += chunk
                    yield from _frames(buffer)

    def _reap(self, fd: int) -> None:
        os.close(fd)
        os.waitpid(self.running.pop(fd), 0)

    def close(self) -> None:
        """End and reap the workers still running (after an error or an interrupt)."""
        for fd, pid in list(self.running.items()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            self._reap(fd)


def _frames(buffer: bytearray) -> Iterator[tuple[int, bool, Any]]:
    """Each whole result at the start of buffer, unpickled and removed from it."""
    while len(buffer) >= _FRAME.size:
        (length,) = _FRAME.unpack_from(buffer)
        end = _FRAME.size + length
        if len(buffer) < end:
            return
        arrival = pickle.loads(memoryview(buffer)[_FRAME.size : end])
        del buffer[:end]
        yield arrival


def _serve(
    function: Callable[[Any], Any],
    tasks: list[Any],
    task_out: int,
    result_in: int,
    start: Callable[[], object] | None,
) -> None:
    """A worker's life: take tasks until none is left, send each result, exit."""
    code = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if start is not None:
            start()
        while record := os.read(task_out, _TASK.size):
            (index,) = _TASK.unpack(record)
            try:
                arrival = (index, True, function(tasks[index]))
            except Exception as exc:  # sent to the parent, which raises it
                arrival = (index, False, exc)
            _send(result_in, arrival)
        code = 0
    finally:
        os._exit(code)  # no cleanup: everything here is the parent's, inherited


def _send(fd: int, arrival: tuple[int, bool, Any]) -> None:
    try:
        data = pickle.dumps(arrival, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an exception (or result) that does not pickle
        problem = WorkerFailed(f"task {arrival[0]}: {type(exc).__name__}: {exc}")
        data = pickle.dumps((arrival[0], False, problem), pickle.HIGHEST_PROTOCOL)
    view = memoryview(_FRAME.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]
