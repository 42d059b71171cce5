"""The pool of forked workers (concurrent.futures): results in task order, inputs inherited
through the initializer, failures raised in the parent with no worker left behind; the
chunks of articles handed to it (a parallel build is the serial one: test_performance)."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pytest

from newsarchive.build import workers
from newsarchive.build.workers import MIN_CHUNK, task_ranges, worker_pool

from .test_performance import ARTICLES, corpus  # noqa: F401 (the fixture)

PARENT = os.getpid()


def children() -> set[int]:
    """This process's child processes, running or not yet reaped."""
    found: set[int] = set()
    for task in os.listdir("/proc/self/task"):
        with contextlib.suppress(FileNotFoundError), open(f"/proc/self/task/{task}/children") as f:
            found.update(int(pid) for pid in f.read().split())  # (unless the thread just ended)
    return found


@pytest.fixture(autouse=True)
def no_worker_left() -> Any:
    before = children()
    yield
    assert children() == before  # every worker has exited and been reaped


def square_in_a_worker(state: dict[str, Any], task: int) -> tuple[int, int, str]:
    time.sleep(0.02 * (8 - task) if task < 8 else 0)  # the first tasks finish last
    return task * task, os.getpid(), state["text"]


def test_results_come_back_in_task_order_from_the_workers() -> None:
    with worker_pool(square_in_a_worker, {"text": "قبل"}, 2) as run:
        results = list(run(range(12)))
    assert [square for square, _, _ in results] == [n * n for n in range(12)]
    pids = {pid for _, pid, _ in results}
    assert len(pids) == 2 and PARENT not in pids


def test_workers_inherit_their_inputs_unpickled_and_the_parent_keeps_no_state() -> None:
    inputs = {"text": "قبل", "unpicklable": lambda: "made in the parent"}

    def read(state: dict[str, Any], task: int) -> tuple[str, str, bool]:
        state.setdefault("seen", []).append(task)  # a worker's own, kept for its next tasks
        return state["text"], state["unpicklable"](), workers._worker is not None

    with worker_pool(read, inputs, 2) as run:
        results = run(range(6))  # the workers are forked here
        inputs["text"] = "بعد"
        seen = list(results)
    assert set(seen) == {("قبل", "made in the parent", True)}
    assert workers._worker is None  # set in the workers only
    assert inputs == {"text": "بعد", "unpicklable": inputs["unpicklable"]}


def fail_in_a_worker(state: dict[str, Any], task: int) -> int:
    if task == 3:
        raise ValueError(f"bad task {task}")
    time.sleep(0.05)
    return task


def test_an_exception_in_a_worker_is_raised_in_the_parent_with_its_traceback() -> None:
    started = time.monotonic()
    with (
        pytest.raises(ValueError, match="bad task 3") as raised,
        worker_pool(fail_in_a_worker, {}, 2) as run,
    ):
        list(run(range(200)))
    # where it failed in the worker travels with it
    assert "in fail_in_a_worker" in str(raised.value.__cause__)
    assert 'raise ValueError(f"bad task {task}")' in str(raised.value.__cause__)
    assert time.monotonic() - started < 2  # the tasks not started were cancelled


def test_a_worker_that_dies_fails_the_map() -> None:
    def die(state: dict[str, Any], task: int) -> int:
        if task == 2:
            os._exit(3)
        return task

    with pytest.raises(BrokenProcessPool), worker_pool(die, {}, 2) as run:
        list(run(range(4)))


def test_an_interrupted_worker_ends_at_once_and_fails_the_map() -> None:
    """Ctrl-C reaches the workers too: one ends there and then, not after its queued tasks."""

    def interrupted(state: dict[str, Any], task: int) -> int:
        if task == 1:
            os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.5)
        return task

    started = time.monotonic()
    with pytest.raises(BrokenProcessPool), worker_pool(interrupted, {}, 2) as run:
        list(run(range(20)))
    assert time.monotonic() - started < 3


def test_workers_run_without_the_cyclic_collector() -> None:
    import gc

    def enabled(state: dict[str, Any], task: int) -> bool:
        return gc.isenabled()

    with worker_pool(enabled, {}, 2) as run:
        assert not any(run(range(4)))
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # what the parent froze for the fork is collectable again


@pytest.mark.parametrize("workers", [1, 2, 3, 8])
@pytest.mark.parametrize("count", [0, 1, 15, 16, 17, 220, 1000, 20_000])
def test_chunks_cover_every_article_once_and_shrink_to_the_end(count: int, workers: int) -> None:
    chunks = task_ranges(count, workers)
    assert [i for chunk in chunks for i in chunk] == list(range(count))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)
    if count:
        assert sizes[0] == min(count, max(MIN_CHUNK, -(-count // (2 * workers))))
        assert sizes[-1] <= MIN_CHUNK  # the workers finish together


def slow_square(state: dict[str, Any], task: int) -> tuple[int, int, str]:
    time.sleep(0.01)
    return task * task, os.getpid(), state["text"]


@pytest.mark.parametrize("cores", [2, 3])
def test_beside_the_workers_the_parent_takes_tasks_once_its_own_work_is_done(cores: int) -> None:
    """run_beside: cores - 1 forked workers and the parent share the tasks; each task runs
    once, results in task order, and the parent's own work runs first, in the parent."""
    order: list[str] = []

    def own() -> int:
        time.sleep(0.2)  # meanwhile the workers take tasks
        order.append("own")
        return os.getpid()

    mine, results = workers.run_beside(slow_square, {"text": "قبل"}, list(range(60)), own, cores)
    assert mine == PARENT and order == ["own"]
    assert [square for square, _, _ in results] == [n * n for n in range(60)]
    assert {text for _, _, text in results} == {"قبل"}
    pids = [pid for _, pid, _ in results]
    assert len(set(pids)) == cores  # every worker and the parent took some
    assert PARENT in pids and pids[0] != PARENT  # the workers start while the parent works


def test_beside_the_workers_a_worker_s_exception_is_raised_in_the_parent() -> None:
    with pytest.raises(ValueError, match="bad task 3"):
        workers.run_beside(fail_in_a_worker, {}, [3, *range(10, 20)], lambda: time.sleep(0.3), 2)


def test_beside_the_workers_the_parent_s_exception_stops_them_at_once() -> None:
    def own() -> None:
        time.sleep(0.05)  # the worker has started
        raise OSError("the feeds could not be written")

    def slower(state: dict[str, Any], task: int) -> int:
        time.sleep(0.05)
        return task

    started = time.monotonic()
    with pytest.raises(OSError, match="feeds"):
        workers.run_beside(slower, {}, list(range(100)), own, 2)
    assert time.monotonic() - started < 2  # not the 5 s of every task (no worker left: fixture)
