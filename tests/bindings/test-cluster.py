#!/usr/bin/python3
# test-cluster.py: a cluster client (redis+cluster://) from Python
# (PyGObject), blocking and driving a GLib main loop, on a local six-node
# cluster started by the test fixture's launcher (its path is the first
# argument).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Prints TAP. Also an example of the API from Python.

import subprocess
import sys
import traceback

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gredis', '1.0')
from gi.repository import GLib, Gredis  # noqa: E402

TESTS = []
PORTS = []
N_KEYS = 60


def test(func):
    TESTS.append(func)
    return func


def cluster_client():
    uri = 'redis+cluster://127.0.0.1:%d,127.0.0.1:%d' % (PORTS[0], PORTS[1])
    return Gredis.Client.new_for_uri(uri)


def node_client(port):
    return Gredis.Client.new_for_uri('redis://127.0.0.1:%d' % port)


def primaries():
    """The ports of the nodes that are primaries now (ROLE)."""
    found = []
    for port in PORTS:
        client = node_client(port)
        role = client.command(['ROLE'], None).get_element(0).get_text()
        client.close()
        if role == 'master':
            found.append(port)
    return found


def assert_on_every_primary(keys):
    """Each of @keys is on the primary that serves its slot (the others
    answer MOVED), and every primary has some: they were routed by slot."""
    counts = {}
    for port in primaries():
        client = node_client(port)
        counts[port] = 0
        for key in keys:
            try:
                reply = client.command(['EXISTS', key], None)
            except GLib.Error as err:
                assert err.matches(Gredis.error_quark(), Gredis.Error.MOVED), err
                continue
            counts[port] += reply.get_integer()
        client.close()
    assert sum(counts.values()) == len(keys), counts
    assert all(n > 0 for n in counts.values()), counts


def run_loop_until(condition, seconds=20):
    loop = GLib.MainLoop()
    context = loop.get_context()
    deadline = GLib.get_monotonic_time() + seconds * 1000000
    while not condition():
        assert GLib.get_monotonic_time() < deadline, 'timed out'
        context.iteration(True)


@test
def blocking_over_slots():
    client = cluster_client()
    keys = ['py:blocking:%d' % i for i in range(N_KEYS)]
    for i, key in enumerate(keys):
        assert client.set(key, 'value-%d' % i, 0, Gredis.SetFlags.NONE, None)
    for i, key in enumerate(keys):
        assert client.get(key, None) == 'value-%d' % i
        assert client.incrby('py:counter:{%s}' % key, i, None) >= i
    reply = client.command(['GET', keys[7]], None)
    assert reply.get_text() == 'value-7'
    assert_on_every_primary(keys)
    client.close()


@test
def async_over_slots():
    """Independent async calls from a GLib main loop, each result to its
    own caller, over keys of every slot range."""
    client = cluster_client()
    keys = ['py:async:%d' % i for i in range(N_KEYS)]
    done = []

    def on_set(source, result, key):
        assert source.set_finish(result)
        done.append(key)

    for key in keys:
        client.set_async(key, key + '!', 0, Gredis.SetFlags.NONE, None, on_set, key)
    run_loop_until(lambda: len(done) == len(keys))

    values = {}

    def on_get(source, result, key):
        values[key] = source.get_finish(result)

    for key in keys:
        client.get_async(key, None, on_get, key)
    run_loop_until(lambda: len(values) == len(keys))
    for key in keys:
        assert values[key] == key + '!', (key, values[key])
    assert_on_every_primary(keys)
    client.close()


@test
def bytes_and_hash_tags():
    client = cluster_client()
    binary = b'\x00\xff\r\n'
    for i in range(12):
        key = 'py:bytes:%d' % i
        assert client.set_bytes(key, GLib.Bytes.new(binary + bytes([i])), 0,
                                Gredis.SetFlags.NONE, None)
        assert client.get_bytes(key, None).get_data() == binary + bytes([i])
    # Keys with one hash tag share a slot: a multi-key command works.
    assert client.mset(['py:{tag}a', '1', 'py:{tag}b', '2'], None)
    assert list(client.mget(['py:{tag}a', 'py:{tag}b', 'py:{tag}c'], None)) == ['1', '2', None]
    # Across slots, it is refused before anything is sent.
    try:
        client.mget(['py:bytes:0', 'py:bytes:1', 'py:bytes:2', 'py:bytes:3'], None)
    except GLib.Error as err:
        assert err.matches(Gredis.error_quark(), Gredis.Error.CROSSSLOT), err
    else:
        raise AssertionError('a cross-slot MGET was accepted')
    client.close()


def start_cluster(launcher):
    process = subprocess.Popen([launcher], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               universal_newlines=True)
    line = process.stdout.readline().split()
    if not line or line[0] != 'ready':
        raise RuntimeError('the cluster did not start: %s' % ' '.join(line))
    PORTS.extend(int(port) for port in line[1:])
    return process


def main():
    if len(sys.argv) < 2:
        print('1..0 # SKIP the cluster launcher was not given')
        return 0
    cluster = start_cluster(sys.argv[1])
    print('1..%d' % len(TESTS))
    failed = 0
    try:
        for n, func in enumerate(TESTS, 1):
            try:
                func()
            except Exception:
                failed += 1
                print('not ok %d - %s' % (n, func.__name__))
                for line in traceback.format_exc().splitlines():
                    print('# ' + line)
            else:
                print('ok %d - %s' % (n, func.__name__))
            sys.stdout.flush()
    finally:
        cluster.stdin.close()
        cluster.wait(30)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
