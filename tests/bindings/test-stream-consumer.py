#!/usr/bin/python3
# test-stream-consumer.py: Gredis.StreamConsumer from Python (PyGObject), on
# a redis-server of its own.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A handler connected to the `entry` signal, a GLib main loop running the
# consumer, the boolean return value deciding what is acknowledged, the
# `error` signal and the counters as properties. Prints TAP.

import sys

import gredis_tap
import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gredis', '1.0')
from gi.repository import GLib, Gredis  # noqa: E402

TESTS = []
SOCKET = None
BINARY = b'\x00\xff\r\nbin\x00ary'
# Turns a hang into a failure; every wait ends in milliseconds when the
# code is right.
GUARD_S = 60


def test(func):
    TESTS.append(func)
    return func


def new_client():
    config = Gredis.Config.new()
    config.set_path(SOCKET)
    return Gredis.Client.new(config)


def run_until(loop, condition):
    """Runs loop until condition() holds (checked every 10 ms)."""
    timed_out = []

    def check():
        if condition():
            loop.quit()
            return GLib.SOURCE_REMOVE
        return GLib.SOURCE_CONTINUE

    def guard():
        timed_out.append(True)
        loop.quit()
        return GLib.SOURCE_REMOVE

    check_id = GLib.timeout_add(10, check)
    guard_id = GLib.timeout_add_seconds(GUARD_S, guard)
    if not condition():
        loop.run()
    for source_id in (check_id, guard_id):
        source = GLib.MainContext.default().find_source_by_id(source_id)
        if source is not None:
            source.destroy()
    assert not timed_out, 'timed out'


@test
def entries_handled_and_acknowledged():
    admin = new_client()
    admin.command(['FLUSHALL'], None)
    admin.xgroup_create('jobs', 'g', '0', Gredis.XgroupFlags.MKSTREAM, None)
    ids = [admin.xadd('jobs', Gredis.XaddFlags.NONE, 0, None, '*', ['n', str(i)], None)
           for i in range(12)]
    admin.xadd_bytes('jobs', Gredis.XaddFlags.NONE, 0, None, '*', ['n', 'payload'],
                     [GLib.Bytes.new(b'12'), GLib.Bytes.new(BINARY)], None)

    consumer = Gredis.StreamConsumer.new(new_client(), 'jobs', 'g', 'py')
    consumer.props.count = 5
    seen = []
    payloads = []

    def on_entry(consumer, entry):
        fields = {entry.get_field(i): entry.get_value(i) for i in range(entry.get_n_fields())}
        seen.append((entry.get_stream(), entry.get_id()))
        if fields.get('payload') is not None:
            payloads.append(entry.get_value_bytes(1).get_data())
        # Odd numbers fail: they stay pending.
        return int(fields['n']) % 2 == 0

    consumer.connect('entry', on_entry)
    loop = GLib.MainLoop()
    consumer.start()
    assert consumer.props.running
    run_until(loop, lambda: consumer.props.entries_processed == 13)
    run_until(loop, lambda: consumer.props.entries_acknowledged == 7)
    consumer.stop()
    assert not consumer.props.running

    assert [i for _, i in seen[:12]] == ids, seen
    assert all(stream == 'jobs' for stream, _ in seen)
    assert payloads == [BINARY], payloads
    assert consumer.props.entries_failed == 6
    summary = admin.xpending('jobs', 'g', None).unpack()
    assert summary['pending'] == 6, summary
    assert summary['consumers'] == {'py': 6}, summary
    pending = admin.xpending_range('jobs', 'g', 0, '-', '+', 100, 'py', None).unpack()
    assert [e['id'] for e in pending] == ids[1::2], pending
    assert all(e['deliveries'] == 1 and e['consumer'] == 'py' for e in pending), pending


@test
def error_signal_and_group_creation():
    admin = new_client()
    admin.command(['FLUSHALL'], None)
    client = new_client()
    loop = GLib.MainLoop()

    lost = Gredis.StreamConsumer(client=client, stream='nowhere', group='g', consumer='py')
    errors = []
    lost.connect('error', lambda consumer, error: errors.append(error))
    lost.start()
    run_until(loop, lambda: errors)
    lost.stop()
    assert errors[0].matches(Gredis.error_quark(), Gredis.Error.NOGROUP), errors[0].message

    made = Gredis.StreamConsumer(client=client, stream='fresh', group='g', consumer='py',
                                 create_group=True, block_ms=100)
    got = []
    made.connect('entry', lambda consumer, entry: got.append(entry.get_id()) or True)
    made.start()
    run_until(loop, lambda: admin.exists(['fresh'], None) == 1)
    entry_id = admin.xadd('fresh', Gredis.XaddFlags.NONE, 0, None, '*', ['k', 'v'], None)
    run_until(loop, lambda: made.props.entries_acknowledged == 1)
    made.stop()
    assert got == [entry_id], got


def set_socket(path):
    global SOCKET
    SOCKET = path


def main():
    return gredis_tap.run(TESTS, 'gredis-py-', set_socket)


if __name__ == '__main__':
    sys.exit(main())
