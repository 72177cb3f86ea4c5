"""Detail downloads wait for room in the cleaning backlog (crawler.cleaning.DetailAdmission), so the
pages in memory stay about the backlog however many crawlers share the process."""

import asyncio

from crawler.cleaning import DetailAdmission


class Backlog:
    """Stands in for the pool: only its count of calls waiting for a worker."""

    backlog = 0


async def tick():
    for _ in range(5):
        await asyncio.sleep(0)


def test_downloads_wait_while_waiting_pages_and_downloads_fill_the_backlog():
    async def run():
        pool = Backlog()
        pool.backlog = 1
        admission = DetailAdmission(pool, backlog=3)
        entered = []

        async def download(name):
            await admission.enter(name)
            entered.append(name)

        tasks = [asyncio.ensure_future(download(name)) for name in ("a", "b", "c", "d")]
        await tick()
        assert entered == ["a", "b"]  # 1 waiting for a worker + 2 downloading = 3
        admission.leave("a")  # its page came back: "c" takes its place
        await tick()
        assert entered == ["a", "b", "c"]
        pool.backlog += 1  # the page of "a" waits for a worker now
        admission.admit()
        await tick()
        assert entered == ["a", "b", "c"]
        pool.backlog = 0  # the workers took both
        admission.admit()
        await tick()
        assert entered == ["a", "b", "c", "d"]
        admission.leave("b")
        admission.leave("c")
        admission.leave("d")
        assert admission.has_room() and not admission.downloading
        await asyncio.gather(*tasks)

    asyncio.run(run())


def test_a_response_of_a_request_never_admitted_changes_nothing():
    admission = DetailAdmission(Backlog(), backlog=1)
    admission.leave("from the cache")
    assert admission.has_room() and not admission.downloading
