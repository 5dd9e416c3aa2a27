#!/usr/bin/python3
# test-scan.py: Gredis.ScanEnumerator from Python (PyGObject), on a
# redis-server of its own: SCAN, HSCAN, SSCAN and ZSCAN walked in a loop
# until the enumerator is finished, blocking and async, under RESP2 and
# RESP3 (which must agree), binary keys, MATCH, COUNT and TYPE, and a
# wrong type. A wrong transfer annotation aborts the interpreter
# (MALLOC_CHECK_=2), a wrong element type fails the call. Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys

import gredis_tap
import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gredis', '1.0')
from gi.repository import GLib, Gredis  # noqa: E402

TESTS = []
SOCKET = None
BINARY = b'\x00\xff\r\nbin\x00ary'
N_KEYS = 1100


def test(func):
    TESTS.append(func)
    return func


def new_client(protocol):
    config = Gredis.Config.new()
    config.set_path(SOCKET)
    config.set_protocol(protocol)
    return Gredis.Client.new(config)


def fill(client):
    client.command(['FLUSHALL'], None)
    argv = ['MSET']
    for i in range(N_KEYS):
        argv += ['key:%04d' % i, str(i)]
    client.command(argv, None)
    hset = ['HSET', 'hash']
    for i in range(600):
        hset += ['field:%d' % i, 'value:%d' % i]
    client.command(hset, None)
    client.command(['HSET', 'small-hash', 'a', '1', 'b', '2'], None)
    client.command(['SADD', 'set'] + ['m%d' % i for i in range(300)], None)
    client.command(['ZADD', 'zset', '1.5', 'one', '-2', 'two', '3', 'three'], None)
    client.command_bytes([GLib.Bytes.new(b'SET'), GLib.Bytes.new(BINARY),
                          GLib.Bytes.new(BINARY)], None)


def batches(enumerator, scored=False):
    """The batches of @enumerator, as a Python iterator."""
    while True:
        batch = enumerator.next_scored(None) if scored else enumerator.next(None)
        if not batch:
            assert enumerator.is_finished()
            return
        yield batch


def elements(enumerator):
    return [b.get_data() for batch in batches(enumerator) for b in batch]


def pairs(enumerator):
    flat = elements(enumerator)
    assert len(flat) % 2 == 0
    return dict(zip(flat[0::2], flat[1::2]))


def both(func):
    """Runs func(client) under RESP2 and RESP3; the results must agree."""
    results = []
    for protocol in (2, 3):
        client = new_client(protocol)
        fill(client)
        results.append(func(client))
    assert results[0] == results[1], 'RESP2 and RESP3 differ'
    return results[0]


@test
def keys_every_one():
    def run(c):
        e = c.enumerate_keys(None, 0, None)
        assert e.get_kind() == Gredis.ScanKind.KEYS
        assert not e.is_finished()
        return set(elements(e))

    keys = both(run)
    expected = {('key:%04d' % i).encode() for i in range(N_KEYS)}
    expected |= {b'hash', b'small-hash', b'set', b'zset', BINARY}
    assert keys == expected, len(keys)


@test
def match_count_type():
    def run(c):
        matched = set(elements(c.enumerate_keys('key:00*', 5, None)))
        counted = set(elements(c.enumerate_keys(None, 10000, None)))
        hashes = set(elements(c.enumerate_keys(None, 0, 'hash')))
        nothing = c.enumerate_keys('nothing:*', 0, None).next(None)
        return matched, len(counted), hashes, nothing

    matched, n_counted, hashes, nothing = both(run)
    assert matched == {('key:%04d' % i).encode() for i in range(100)}
    assert n_counted == N_KEYS + 5
    assert hashes == {b'hash', b'small-hash'}
    assert not nothing


@test
def hash_set_sorted_set():
    def run(c):
        big = pairs(c.enumerate_hash('hash', None, 0))
        small = pairs(c.enumerate_hash('small-hash', None, 0))
        members = set(elements(c.enumerate_set('set', 'm1*', 20)))
        scored = {}
        for batch in batches(c.enumerate_sorted_set('zset', None, 0), scored=True):
            for m in batch:
                scored[m.get_member()] = m.get_score()
        as_text = pairs(c.enumerate_sorted_set('zset', None, 0))
        return big, small, members, scored, as_text

    big, small, members, scored, as_text = both(run)
    assert len(big) == 600 and big[b'field:42'] == b'value:42'
    assert small == {b'a': b'1', b'b': b'2'}
    assert members == {('m%d' % i).encode() for i in range(300) if str(i).startswith('1')}
    assert scored == {'one': 1.5, 'two': -2.0, 'three': 3.0}, scored
    assert as_text == {b'one': b'1.5', b'two': b'-2', b'three': b'3'}, as_text


@test
def binary_keys():
    client = new_client(3)
    fill(client)
    # The binary key holds a string: it becomes a hash with a binary field.
    client.command_bytes([GLib.Bytes.new(b'DEL'), GLib.Bytes.new(BINARY)], None)
    client.command_bytes([GLib.Bytes.new(b'HSET'), GLib.Bytes.new(BINARY),
                          GLib.Bytes.new(BINARY), GLib.Bytes.new(b'v')], None)
    assert BINARY in elements(client.enumerate_keys(None, 0, 'hash'))
    e = Gredis.ScanEnumerator.new(client, Gredis.ScanKind.HASH, GLib.Bytes.new(BINARY),
                                  None, 0, None)
    assert e.get_key().get_data() == BINARY
    assert pairs(e) == {BINARY: b'v'}


@test
def async_walk():
    client = new_client(2)
    fill(client)
    e = client.enumerate_keys('key:*', 50, None)
    loop = GLib.MainLoop()
    seen = set()
    errors = []

    def on_next(source, result):
        try:
            batch = source.next_finish(result)
        except GLib.Error as error:
            errors.append(error)
            loop.quit()
            return
        if not batch:
            loop.quit()
            return
        seen.update(b.get_data() for b in batch)
        source.next_async(None, on_next)

    e.next_async(None, on_next)
    GLib.timeout_add_seconds(30, loop.quit)
    loop.run()
    assert not errors, errors
    assert e.is_finished()
    assert len(seen) == N_KEYS


@test
def wrong_type():
    client = new_client(3)
    fill(client)
    e = client.enumerate_set('hash', None, 0)
    try:
        e.next(None)
    except GLib.Error as error:
        assert error.matches(Gredis.error_quark(), Gredis.Error.WRONGTYPE), error.message
    else:
        raise AssertionError('no error')
    assert not e.is_finished()


def set_socket(path):
    global SOCKET
    SOCKET = path


def main():
    return gredis_tap.run(TESTS, 'gredis-py-scan-', set_socket)


if __name__ == '__main__':
    sys.exit(main())
