#!/usr/bin/python3
# test-pipeline.py: pipelines, transactions, scripts and blocking commands
# from Python (PyGObject), driving a GLib main loop, on a redis-server of
# its own (a Unix socket in a temporary directory).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Prints TAP. Also an example of the API from Python.

import sys

import gredis_tap
import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Gredis', '1.0')
from gi.repository import Gio, GLib, Gredis  # noqa: E402

TESTS = []
SOCKET = None


def test(func):
    TESTS.append(func)
    return func


def new_client(protocol=3, timeout_ms=5000):
    config = Gredis.Config.new()
    config.set_path(SOCKET)
    config.set_protocol(protocol)
    config.set_command_timeout_ms(timeout_ms)
    return Gredis.Client.new(config)


def run_async(start):
    """Calls start(callback) and runs a main loop until callback runs;
    returns the (source, result) it got."""
    loop = GLib.MainLoop()
    got = []

    def callback(source, result, *args):
        got.append((source, result))
        loop.quit()

    start(callback)
    timeout = GLib.timeout_add_seconds(20, loop.quit)
    loop.run()
    GLib.source_remove(timeout) if got else None
    assert got, 'timed out'
    return got[0]


def command(client, *argv):
    return client.command(list(argv), None)


@test
def pipeline_per_command_results():
    for protocol in (2, 3):
        client = new_client(protocol)
        command(client, 'FLUSHALL')
        pipeline = Gredis.Pipeline.new(client, False)
        i_set = pipeline.add_set('s', 'text')
        i_bad = pipeline.add_command(['INCR', 's'])
        i_incr = pipeline.add_incrby('n', 41)
        i_bytes = pipeline.add_command_bytes([GLib.Bytes.new(b'GET'), GLib.Bytes.new(b's')])
        source, result = run_async(lambda cb: pipeline.execute_async(None, cb))
        assert pipeline.execute_finish(result)
        assert pipeline.get_n_results() == 4
        assert pipeline.get_reply(i_set).get_text() == 'OK'
        try:
            pipeline.get_reply(i_bad)
        except GLib.Error as e:
            assert e.matches(Gredis.error_quark(), Gredis.Error.SERVER), e
            assert 'not an integer' in e.message, e.message
        else:
            raise AssertionError('no error for INCR on a string')
        assert pipeline.get_reply(i_incr).get_integer() == 41
        assert pipeline.get_reply(i_bytes).get_bytes().get_data() == b'text'


@test
def transaction_execabort():
    client = new_client()
    command(client, 'FLUSHALL')
    pipeline = Gredis.Pipeline.new(client, True)
    pipeline.add_set('a', '1')
    pipeline.add_command(['GET'])
    source, result = run_async(lambda cb: pipeline.execute_async(None, cb))
    try:
        pipeline.execute_finish(result)
    except GLib.Error as e:
        assert e.matches(Gredis.error_quark(), Gredis.Error.EXECABORT), e
    else:
        raise AssertionError('no EXECABORT')
    try:
        pipeline.get_reply(1)
    except GLib.Error as e:
        assert 'wrong number of arguments' in e.message, e.message
    else:
        raise AssertionError('no queue-time error')
    assert client.get('a', None) is None


@test
def transaction_retries_on_conflict():
    client = new_client()
    writer = new_client()
    command(client, 'FLUSHALL')
    command(client, 'SET', 'counter', '1')
    calls = []

    def increment(pipeline, watched, *user_data):
        assert user_data == ('data',), user_data
        calls.append(watched.get_text())
        if len(calls) <= 2:
            # A concurrent writer changes the watched key.
            command(writer, 'INCRBY', 'counter', '100')
        value = int(watched.get_text())
        pipeline.add_set('counter', str(value + 1))
        return True

    # Arguments: keys to watch, the read command, attempts, the function
    # and its data (PyGObject wants a tuple there), a cancellable, the
    # callback.
    source, result = run_async(lambda cb: client.transaction_async(
        ['counter'], ['GET', 'counter'], 5, increment, ('data',), None, cb))
    done = client.transaction_finish(result)
    assert calls == ['1', '101', '201'], calls
    assert done.get_reply(0).get_text() == 'OK'
    assert client.get('counter', None) == '202'

    # The blocking form, without a conflict.
    done = client.transaction(['counter'], ['GET', 'counter'], 5, increment, 'data', None)
    assert done.get_reply(0).get_text() == 'OK'
    assert client.get('counter', None) == '203'


@test
def script_survives_flush():
    client = new_client()
    command(client, 'FLUSHALL')
    script = Gredis.Script.new("return redis.call('INCRBY', KEYS[1], ARGV[1])")
    assert len(script.get_sha1()) == 40
    for expected in (5, 10):
        command(client, 'SCRIPT', 'FLUSH')
        source, result = run_async(lambda cb: script.run_async(client, ['n'], ['5'], None, cb))
        assert script.run_finish(result).get_integer() == expected


@test
def blpop_beside_other_commands():
    # The command timeout (300 ms) is shorter than BLPOP's 1 s.
    client = new_client(timeout_ms=300)
    command(client, 'FLUSHALL')
    loop = GLib.MainLoop()
    pings = []
    blpop = []

    def on_ping(source, result, *args):
        pings.append(source.command_finish(result).get_text())

    def on_blpop(source, result, *args):
        blpop.append((source.command_finish(result), len(pings)))
        loop.quit()

    client.command_async(['BLPOP', 'empty', '1'], None, on_blpop)
    for _ in range(200):
        client.command_async(['PING'], None, on_ping)
    timeout = GLib.timeout_add_seconds(20, loop.quit)
    loop.run()
    GLib.source_remove(timeout)
    assert blpop, 'BLPOP never finished'
    reply, pings_before = blpop[0]
    assert reply.is_nil()
    assert pings_before == 200, pings_before


def set_socket(path):
    global SOCKET
    SOCKET = path


def main():
    return gredis_tap.run(TESTS, 'gredis-py-', set_socket)


if __name__ == '__main__':
    sys.exit(main())
