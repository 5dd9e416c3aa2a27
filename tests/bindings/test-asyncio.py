#!/usr/bin/python3
# test-asyncio.py: the asyncio side of the PyGObject overrides (loaded from
# the source tree): awaitable foo_async() methods, Gredis.AsyncClient,
# async pipelines and scans, cancellation, and asyncio's own tasks and
# timers running beside GLib's sources, on the GLib-integrated loop of
# Gredis.run() (gi.events where PyGObject has it, the bridge otherwise).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Prints TAP. Argument: the folder that holds gi/overrides/Gredis.py.

import asyncio
import os
import sys

import gredis_tap
import gi
import gi.overrides

gi.overrides.__path__.insert(0, os.path.join(sys.argv[1], 'gi', 'overrides'))

gi.require_version('GLib', '2.0')
gi.require_version('Gredis', '1.0')
from gi.repository import GLib, Gredis  # noqa: E402

TESTS = []
SOCKET = None


def test(func):
    TESTS.append(func)
    return func


def new_client(**options):
    client = Gredis.Client(path=SOCKET, command_timeout_ms=5000, **options)
    client.flushall()
    return client


def run(coroutine):
    # A bound on every test, so that a broken bridge fails instead of
    # hanging until meson's timeout.
    return Gredis.run(asyncio.wait_for(coroutine, 30))


@test
def awaitable_async_methods():
    client = new_client()

    async def main():
        assert await client.set_async('k', 'v', 0, Gredis.SetFlags.NONE) is True
        assert await client.get_async('k') == 'v'
        reply = await client.command_async(['GET', 'k'])
        assert isinstance(reply, Gredis.Reply) and reply == 'v'
        reply = await client.command_bytes_async([GLib.Bytes.new(b'STRLEN'), GLib.Bytes.new(b'k')])
        assert int(reply) == 1
        # The callback form is unchanged.
        got = asyncio.get_running_loop().create_future()
        client.get_async('k', None, lambda c, result: got.set_result(c.get_finish(result)))
        assert await got == 'v'
        # Many at once, one round trip each but all in flight together.
        values = await asyncio.gather(*(client.incr_async('n') for _ in range(50)))
        assert sorted(values) == list(range(1, 51)), values
        return True
    assert run(main()) is True


@test
def async_errors_are_subclasses():
    client = new_client()
    client.set('s', 'text')

    async def main():
        try:
            await client.incr_async('s')
        except Gredis.ResponseError as e:
            assert 'not an integer' in e.message
        else:
            raise AssertionError('no error')
        try:
            await client.aio.lpush('s', 'x')
        except Gredis.WrongTypeError as e:
            assert e.matches(Gredis.error_quark(), Gredis.Error.WRONGTYPE)
        else:
            raise AssertionError('no error')
    run(main())


@test
def async_client_commands():
    async def main():
        async with Gredis.AsyncClient(path=SOCKET, decode_responses=False) as client:
            await client.flushall()
            assert await client.set('k', 'v', ex=60, nx=True) is True
            assert await client.set('k', 'w', nx=True) is None
            assert await client.get('k') == b'v'
            assert await client.hset('h', mapping={'a': 1}) == 1
            assert await client.hgetall('h') == {b'a': b'1'}
            assert await client.rpush('l', 1, 2) == 2
            assert await client.lrange('l', 0, -1) == [b'1', b'2']
            assert await client.execute_command('DBSIZE') == 3
    run(main())


@test
def async_pipelines_and_scans():
    client = new_client()

    async def main():
        aclient = client.aio
        async with aclient.pipeline() as p:
            p.set('a', 1).incr('a').get('a')
            assert await p.execute() == [True, 2, '2']
        for i in range(25):
            await aclient.set('user:%d' % i, i)
        keys = [k async for k in aclient.scan_iter(match='user:*', count=5)]
        assert sorted(keys) == sorted('user:%d' % i for i in range(25)), keys
        await aclient.zadd('z', {'a': 1, 'b': 2})
        assert sorted([m async for m in aclient.zscan_iter('z')]) == [('a', 1.0), ('b', 2.0)]
    run(main())


@test
def asyncio_and_glib_sources_run_together():
    client = new_client()

    async def main():
        fired = []
        GLib.timeout_add(10, lambda: fired.append('glib') and False)
        await asyncio.sleep(0.05)
        assert fired == ['glib'], fired

        # A blocked command does not block asyncio's own work.
        blocked = asyncio.ensure_future(client.aio.execute_command('BLPOP', 'q', 10))
        ticks = 0
        while ticks < 3:
            await asyncio.sleep(0.01)
            ticks += 1
        assert not blocked.done()
        other = Gredis.Client(path=SOCKET)
        await other.aio.rpush('q', 'item')
        assert await blocked == ['q', 'item']
    run(main())


@test
def async_pubsub():
    client = new_client(decode_responses=False)
    publisher = new_client()

    async def main():
        pubsub = client.aio.pubsub()
        assert await pubsub.subscribe_async(['events']) is True
        messages = pubsub.listen()
        for i in range(3):
            await publisher.aio.publish('events', i)
        got = [await messages.__anext__() for _ in range(3)]
        assert [m['data'] for m in got] == [b'0', b'1', b'2'], got
        assert got[0]['channel'] == b'events' and got[0]['type'] == 'message'
        await messages.aclose()
        pubsub.close()
    run(main())


@test
def cancelling_the_task_cancels_the_command():
    client = new_client()

    async def main():
        task = asyncio.ensure_future(client.aio.execute_command('BLPOP', 'never', 0))
        await asyncio.sleep(0.05)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
        else:
            raise AssertionError('not cancelled')
        # The client is still usable.
        assert await client.aio.ping() is True
    run(main())


@test
def awaitables_need_a_glib_loop():
    client = new_client()

    async def main():
        try:
            client.get_async('k')
        except RuntimeError as e:
            assert 'GLib main context' in str(e), e
        else:
            raise AssertionError('no error on a plain asyncio loop')
    asyncio.run(main())


@test
def bridge_waits_instead_of_spinning():
    if hasattr(gi, 'events'):
        print('# skipped: PyGObject %s has gi.events, the bridge is not used' % (gi.__version__,))
        return
    loop = Gredis.new_event_loop()
    selector = loop._selector
    assert isinstance(selector, Gredis.GLibSelector), selector
    calls = []
    select = selector.select

    def counting_select(timeout=None):
        calls.append(timeout)
        return select(timeout)

    selector.select = counting_select
    try:
        # One wait for the timer, give or take a wake-up: not a poll loop.
        loop.run_until_complete(asyncio.sleep(0.2))
    finally:
        loop.close()
    assert len(calls) < 20, calls
    assert any(t is not None and t > 0 for t in calls), calls


@test
def policy_and_loop_helpers():
    loop = Gredis.new_event_loop()
    try:
        client = new_client()
        assert loop.run_until_complete(client.aio.ping()) is True
    finally:
        loop.close()
    policy = Gredis.event_loop_policy()
    assert isinstance(policy, asyncio.AbstractEventLoopPolicy)
    if not hasattr(gi, 'events'):
        print('# PyGObject %s has no gi.events: the bridge runs' % (gi.__version__,))


def main():
    def on_socket(socket):
        global SOCKET
        SOCKET = socket
    return gredis_tap.run(TESTS, 'gredis-py-asyncio-', on_socket)


if __name__ == '__main__':
    sys.exit(main())
