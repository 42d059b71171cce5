"""The workers' pool: results in task order, inherited inputs, failures raised in the parent;
the chunks of articles handed to it."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from newsarchive.forkpool import ForkPool, WorkerFailed
from newsarchive.parallel import MIN_CHUNK, _chunks


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[ForkPool]:
    forked: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    pool = ForkPool(2)
    try:
        yield pool
    finally:
        pool.close()
    assert forked
    for pid in forked:  # every worker was reaped
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_results_come_back_in_task_order_from_other_processes(pool: ForkPool) -> None:
    def slow_first(task: int) -> tuple[int, int]:
        time.sleep(0.02 * (6 - task))  # the first tasks finish last
        return task * task, os.getpid()

    results = list(pool.map(slow_first, range(7)))
    assert [square for square, _ in results] == [n * n for n in range(7)]
    pids = {pid for _, pid in results}
    assert len(pids) == 2 and os.getpid() not in pids


def test_workers_see_the_inputs_as_they_were_when_map_was_called(pool: ForkPool) -> None:
    inputs = {"text": "قبل"}
    results = pool.map(lambda task: inputs["text"] * task, [1, 2])  # forked here
    inputs["text"] = "بعد"
    assert list(results) == ["قبل", "قبلقبل"]


def test_a_worker_exception_is_raised_in_the_parent(pool: ForkPool) -> None:
    def fail_on_three(task: int) -> int:
        if task == 3:
            raise ValueError(f"bad task {task}")
        return task

    with pytest.raises(ValueError, match="bad task 3"):
        list(pool.map(fail_on_three, range(6)))


def test_a_worker_that_dies_fails_the_map(pool: ForkPool) -> None:
    def die(task: int) -> int:
        if task == 1:
            os._exit(3)
        return task

    with pytest.raises(WorkerFailed, match="a worker died"):
        list(pool.map(die, range(2)))


def test_a_result_that_does_not_pickle_is_a_clear_failure(pool: ForkPool) -> None:
    with pytest.raises(WorkerFailed, match=r"task 0: .*pickle"):
        list(pool.map(lambda task: lambda: task, [0]))


def test_results_larger_than_a_pipe_wait_for_a_busy_parent(pool: ForkPool) -> None:
    """Each result is bigger than the pipe holds and the parent reads none until its own
    work is done: the workers wait, and every byte arrives."""
    results = pool.map(lambda task: bytes([task]) * (3 << 20), range(4))
    time.sleep(0.2)
    assert [(len(r), r[:1], r[-1:]) for r in results] == [
        (3 << 20, bytes([n]), bytes([n])) for n in range(4)
    ]


def test_a_failure_ends_the_other_workers_at_once(pool: ForkPool) -> None:
    def fail_or_hang(task: int) -> int:
        if task == 0:
            raise ValueError("bad")
        time.sleep(60)
        return task

    started = time.monotonic()
    with pytest.raises(ValueError):
        list(pool.map(fail_or_hang, range(2)))
    pool.close()
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("workers", [1, 2, 3, 8])
@pytest.mark.parametrize("count", [0, 1, 15, 16, 17, 220, 1000, 20_000])
def test_chunks_cover_every_article_once_and_shrink_to_the_end(count: int, workers: int) -> None:
    chunks = _chunks(count, workers)
    assert [i for chunk in chunks for i in chunk] == list(range(count))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)
    if count:
        assert sizes[0] == min(count, max(MIN_CHUNK, -(-count // (2 * workers))))
        assert sizes[-1] <= MIN_CHUNK  # the workers finish together
