"""``nianbao worker`` and ``nianbao store``: one crawl on several machines (crawler.distributed)."""

from __future__ import annotations

import sqlite3
import sys

import click

from crawler.distributed.run import RedisUnreachable, RunKeys, connect, open_run
from crawler.distributed.worker import Worker, wait_for_mirror, worker_settings
from crawler.distributed.writer import Writer
from crawler.run import exit_code, format_summary, project_settings
from store.lock import CorpusBusy
from store.write import Corpus

from .crawl import CannotStart, registry_rows
from .options import db_option, parse_settings, settings_option, sites_option

redis_option = click.option("--redis", "redis_url", required=True, metavar="URL", help="The run's Redis: redis://HOST:PORT/DB.")
run_option = click.option("--run", "run_name", required=True, metavar="NAME",
                          help="Names the run: every worker and the store of one run give the same name; another name is another run.")


def reach(redis_url: str):
    try:
        return connect(redis_url)
    except RedisUnreachable as exc:
        raise CannotStart(str(exc)) from None


@click.command()
@redis_option
@run_option
@sites_option
@click.option("--site", "site_ids", multiple=True, metavar="ID", help="Crawl only this site (repeatable; the run's first worker decides).")
@click.option("--refresh", is_flag=True, help="Fetch detail pages again even when their report is already stored.")
@settings_option
def worker(redis_url, run_name, sites_path, site_ids, refresh, settings):
    """Crawl the run's sites with other workers, on this machine and others.

    The first worker of a run fixes its sites (from --sites / --site); a worker joining later
    takes the run's. Each site is crawled by one worker at a time; the items go to
    `nianbao store --run NAME`, which writes the corpus. Ends when every site is crawled.
    """
    client = reach(redis_url)
    keys = RunKeys(run_name)
    run, differ = open_run(client, keys, registry_rows(sites_path, site_ids))
    if differ:
        click.echo(f"run {run_name} was started with {len(run.sites)} other site(s): crawling those", err=True)
    overrides = parse_settings(settings)
    if refresh:
        overrides["NIANBAO_REFRESH"] = True
    wait_for_mirror(client, keys)
    crawled = Worker(client, keys, run, worker_settings(project_settings(overrides), redis_url, run_name)).start()
    click.echo(f"worker: {len(crawled)} site(s) crawled: {', '.join(crawled) or '-'}")


@click.command()
@redis_option
@run_option
@db_option
@settings_option
def store(redis_url, run_name, db_path, settings):
    """Write the items of a run's workers into the corpus (the run's one writer).

    Publishes what the corpus holds (for the workers' incremental crawl), stores each item
    (dedupe and storage), records each site's run in crawl_runs, and ends when every site of
    the run is recorded. Killed, it is started again with the same command and loses nothing.
    """
    client = reach(redis_url)
    project = project_settings(parse_settings(settings))
    try:
        corpus = Corpus(db_path, batch=project.getint("NIANBAO_STORE_BATCH"), batch_seconds=project.getfloat("NIANBAO_STORE_COMMIT_SECONDS"))
    except CorpusBusy as exc:
        raise CannotStart(str(exc)) from None
    except (sqlite3.Error, OSError) as exc:
        raise CannotStart(f"{db_path}: {exc}") from None
    try:
        writer = Writer(client, RunKeys(run_name), corpus)
        click.echo(f"published {writer.publish_mirror()} stored report(s) for run {run_name}", err=True)
        results = writer.serve()
    finally:
        corpus.close()
    rate = f", {writer.items / writer.writing_seconds:.0f} item(s)/s while writing" if writer.writing_seconds else ""
    click.echo(f"{writer.items} item(s) written{rate}", err=True)
    click.echo(format_summary(results, db_path))
    sys.exit(exit_code(results))


COMMANDS = (worker, store)
