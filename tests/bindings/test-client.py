#!/usr/bin/python3
# test-client.py: what the client and the replies return to Python
# (PyGObject), on a redis-server of its own (a Unix socket in a temporary
# directory).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every function that returns an array, a hash table or a boxed type is
# called here, so that a wrong transfer annotation shows: a double free
# aborts the interpreter (the tests run with MALLOC_CHECK_=2), a missing
# element type fails the call. Also the plain text accessor of replies and
# the binary-safe (GBytes) forms of the typed helpers. Prints TAP.

import sys

import gredis_tap
import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Gredis', '1.0')
from gi.repository import Gio, GLib, Gredis  # noqa: E402

TESTS = []
SOCKET = None

# Not UTF-8, with a NUL byte and a CRLF inside: only the GBytes forms keep it.
BINARY = b'\x00\xff\xfe\r\nbin\x00ary\xc3'


def test(func):
    TESTS.append(func)
    return func


def new_client(protocol=3):
    config = Gredis.Config.new()
    config.set_path(SOCKET)
    config.set_protocol(protocol)
    config.set_command_timeout_ms(5000)
    return Gredis.Client.new(config)


def run_async(start):
    """Calls start(callback) and runs a main loop until callback runs;
    returns the result it got."""
    loop = GLib.MainLoop()
    got = []

    def callback(source, result, *args):
        got.append(result)
        loop.quit()

    start(callback)
    timeout = GLib.timeout_add_seconds(20, loop.quit)
    loop.run()
    if got:
        GLib.source_remove(timeout)
    assert got, 'timed out'
    return got[0]


def command(client, *argv):
    return client.command(list(argv), None)


def b(data):
    return GLib.Bytes.new(data)


def data(value):
    return None if value is None else value.get_data()


@test
def reply_text():
    r = Gredis.Reply.new_string(Gredis.ReplyKind.STRING, 'héllo'.encode())
    assert r.get_text() == 'héllo', r.get_text()
    assert Gredis.Reply.new_string(Gredis.ReplyKind.SIMPLE_STRING, b'OK').get_text() == 'OK'
    assert Gredis.Reply.new_string(Gredis.ReplyKind.STRING, b'').get_text() == ''
    assert Gredis.Reply.new_verbatim('txt', b'Some text').get_text() == 'Some text'
    # Binary values have no text: they are read as bytes.
    binary = Gredis.Reply.new_string(Gredis.ReplyKind.STRING, BINARY)
    assert binary.get_text() is None
    assert binary.get_bytes().get_data() == BINARY
    assert Gredis.Reply.new_string(Gredis.ReplyKind.STRING, b'a\x00b').get_text() is None
    assert Gredis.Reply.new_integer(3).get_text() is None
    assert Gredis.Reply.new_nil().get_text() is None
    # The C accessor with its length is not for bindings.
    assert not hasattr(Gredis.Reply, 'get_string')


@test
def command_reply_text():
    client = new_client()
    command(client, 'FLUSHALL')
    assert command(client, 'SET', 'k', 'välue').get_text() == 'OK'
    assert command(client, 'GET', 'k').get_text() == 'välue'
    assert client.command_bytes([b(b'SET'), b(b'bin'), b(BINARY)], None).get_text() == 'OK'
    reply = command(client, 'GET', 'bin')
    assert reply.get_text() is None
    assert reply.get_bytes().get_data() == BINARY


@test
def mget_array():
    for protocol in (2, 3):
        client = new_client(protocol)
        command(client, 'FLUSHALL')
        client.mset(['a', '1', 'c', 'три'], None)
        # Many times: a double free of the elements aborts at once, and
        # leaves a heap that fails later calls.
        for _ in range(200):
            assert client.mget(['a', 'b', 'c'], None) == ['1', None, 'три']
        result = run_async(lambda cb: client.mget_async(['c', 'a', 'none'], None, cb))
        assert client.mget_finish(result) == ['три', '1', None]
        assert client.mget(['none'], None) == [None]


@test
def list_set_zset_arrays():
    for protocol in (2, 3):
        client = new_client(protocol)
        command(client, 'FLUSHALL')
        assert client.rpush('l', ['x', 'y', 'z'], None) == 3
        assert client.sadd('s', ['m'], None) == 1
        assert client.zadd('z', 2.0, 'two', Gredis.ZaddFlags.NONE, None) == 1
        assert client.zadd('z', 1.0, 'one', Gredis.ZaddFlags.NONE, None) == 1
        for _ in range(100):
            assert client.lrange('l', 0, -1, None) == ['x', 'y', 'z']
            assert client.smembers('s', None) == ['m']
            assert client.zrange('z', '0', '-1', Gredis.ZrangeFlags.NONE, None) == ['one', 'two']
        assert client.lrange('none', 0, -1, None) == []
        assert client.smembers('none', None) == []
        result = run_async(lambda cb: client.lrange_async('l', 1, 1, None, cb))
        assert client.lrange_finish(result) == ['y']
        result = run_async(lambda cb: client.smembers_async('s', None, cb))
        assert client.smembers_finish(result) == ['m']
        result = run_async(lambda cb: client.zrange_async('z', '(1', '+inf',
                                                          Gredis.ZrangeFlags.BYSCORE, None, cb))
        assert client.zrange_finish(result) == ['two']


@test
def hgetall_hash_table():
    for protocol in (2, 3):
        client = new_client(protocol)
        command(client, 'FLUSHALL')
        assert client.hset('h', ['f', 'v', 'g', 'w'], None) == 2
        for _ in range(100):
            assert client.hgetall('h', None) == {'f': 'v', 'g': 'w'}
        assert client.hgetall('none', None) == {}
        result = run_async(lambda cb: client.hgetall_async('h', None, cb))
        assert client.hgetall_finish(result) == {'f': 'v', 'g': 'w'}


@test
def strings_and_nulls():
    client = new_client()
    command(client, 'FLUSHALL')
    assert client.get('none', None) is None
    assert client.set('k', 'v', 0, Gredis.SetFlags.NONE, None)
    assert client.get('k', None) == 'v'
    assert client.type('k', None) == 'string'
    assert client.hget('none', 'f', None) is None
    assert client.lpop('none', None) is None
    assert client.rpop('none', None) is None
    ok, score = client.zscore('none', 'm', None)
    assert not ok and score == 0.0


@test
def command_table_arrays():
    commands = Gredis.command_table_list()
    assert len(commands) > 100
    names = [c.get_name() for c in commands]
    assert 'get' in names and names == sorted(names)
    config = Gredis.command_table_lookup('config')
    subcommands = config.list_subcommands()
    assert 'config|get' in [s.get_name() for s in subcommands], [s.get_name() for s in subcommands]
    assert subcommands[0].get_parent().get_name() == 'config'
    get = Gredis.command_table_lookup('get')
    assert '@read' in get.get_acl_categories(), get.get_acl_categories()
    assert get.get_tips() == []
    assert get.copy().get_name() == 'get'
    mset = Gredis.command_table_lookup('mset')
    for _ in range(50):
        assert mset.get_keys(['MSET', 'a', '1', 'b', '2'], None) == [1, 3]
    assert get.get_keys(['GET'], None) == []
    assert len(Gredis.command_table_get_version()) > 0
    assert 'host' in Gredis.Config.get_option_names()


@test
def key_slot():
    assert Gredis.key_slot(b'foo') == 12182
    assert Gredis.key_slot(b'{user1000}.following') == Gredis.key_slot(b'{user1000}.followers')
    assert Gredis.key_slot(b'\x00\xff{\x00}') == Gredis.key_slot(b'\x00')
    assert Gredis.key_slot(b'') == 0


@test
def boxed_and_objects():
    client = new_client()
    command(client, 'FLUSHALL')
    config = client.get_config()
    assert config.get_path() == SOCKET
    endpoint = config.get_endpoint()
    assert isinstance(endpoint, Gio.UnixSocketAddress), endpoint
    assert config.dup().get_path() == SOCKET
    assert 'unix' in config.get_uri(), config.get_uri()
    assert config.to_string()
    connection = client.get_connection()
    assert isinstance(connection, Gredis.Connection)
    assert connection.get_endpoint() is not None
    assert connection.get_parser() is not None
    assert connection.get_transport() is not None

    # A map (RESP3), its elements (transfer none) and what it converts to.
    command(client, 'HSET', 'map', 'field', '3')
    reply = command(client, 'HGETALL', 'map')
    assert reply.get_kind() == Gredis.ReplyKind.MAP
    element = reply.get_element(0)
    assert element.get_text() == 'field'
    assert reply.get_attributes() is None
    variant = reply.to_variant()
    assert variant.unpack() == {'field': '3'}, variant.unpack()
    assert reply.to_string()
    info = connection.get_server_info()
    assert info is None or info.get_kind() == Gredis.ReplyKind.MAP
    error = Gredis.Reply.new_string(Gredis.ReplyKind.ERROR, b'ERR no such command')
    assert error.is_error()
    err = error.to_error()
    assert err.matches(Gredis.error_quark(), Gredis.Error.SERVER), err
    assert reply.to_error() is None

    pipeline = Gredis.Pipeline.new(client, False)
    i = pipeline.add_command(['PING'])
    result = run_async(lambda cb: pipeline.execute_async(None, cb))
    assert pipeline.execute_finish(result)
    assert pipeline.get_reply(i).get_text() == 'PONG'
    assert pipeline.get_client() is client

    infos = Gredis.plugins_list(Gredis.PluginKind.PARSER)
    assert 'resp3' in [i.get_name() for i in infos]
    assert Gredis.plugins_lookup(Gredis.PluginKind.PARSER, 'resp3').get_name() == 'resp3'


@test
def bytes_strings_round_trip():
    for protocol in (2, 3):
        client = new_client(protocol)
        command(client, 'FLUSHALL')
        assert client.set_bytes('k', b(BINARY), 0, Gredis.SetFlags.NONE, None)
        assert client.get_bytes('k', None).get_data() == BINARY
        assert client.get_bytes('none', None) is None
        # The text form cannot read it; the reply still can.
        assert command(client, 'GET', 'k').get_bytes().get_data() == BINARY
        assert client.append_bytes('k', b(b'\x00'), None) == len(BINARY) + 1
        assert client.strlen('k', None) == len(BINARY) + 1
        assert not client.set_bytes('k', b(b'x'), 0, Gredis.SetFlags.NX, None)
        assert client.set_bytes('e', b(b''), 0, Gredis.SetFlags.NONE, None)
        assert client.get_bytes('e', None).get_data() == b''
        assert client.mset_bytes(['a', 'c'], [b(BINARY), b(b'\xff')], None)
        values = client.mget_bytes(['a', 'b', 'c'], None)
        assert [data(v) for v in values] == [BINARY, None, b'\xff'], values
        result = run_async(lambda cb: client.mget_bytes_async(['c', 'a'], None, cb))
        assert [data(v) for v in client.mget_bytes_finish(result)] == [b'\xff', BINARY]
        result = run_async(lambda cb: client.get_bytes_async('a', None, cb))
        assert client.get_bytes_finish(result).get_data() == BINARY
        result = run_async(lambda cb: client.set_bytes_async('a', b(b'\x01\x00'), 0,
                                                             Gredis.SetFlags.XX, None, cb))
        assert client.set_bytes_finish(result)
        assert client.get_bytes('a', None).get_data() == b'\x01\x00'


@test
def bytes_hashes_lists_sets_round_trip():
    for protocol in (2, 3):
        client = new_client(protocol)
        command(client, 'FLUSHALL')
        assert client.hset_bytes('h', ['f', 'g'], [b(BINARY), b(b'')], None) == 2
        assert client.hget_bytes('h', 'f', None).get_data() == BINARY
        assert client.hget_bytes('h', 'none', None) is None
        # Fields and values alternating, all as bytes.
        assert client.hset_bytes('h', ['fé'], [b(b'\x00')], None) == 1
        for _ in range(50):
            pairs = [data(v) for v in client.hgetall_bytes('h', None)]
        assert dict(zip(pairs[::2], pairs[1::2])) == {b'f': BINARY, b'g': b'', 'fé'.encode(): b'\x00'}, pairs
        result = run_async(lambda cb: client.hgetall_bytes_async('h', None, cb))
        pairs = [data(v) for v in client.hgetall_bytes_finish(result)]
        assert dict(zip(pairs[::2], pairs[1::2]))[b'f'] == BINARY
        assert client.hgetall_bytes('none', None) == []

        assert client.rpush_bytes('l', [b(BINARY), b(b'\x00')], None) == 2
        assert client.lpush_bytes('l', [b(b'\xfe')], None) == 3
        assert [data(v) for v in client.lrange_bytes('l', 0, -1, None)] == [b'\xfe', BINARY, b'\x00']
        result = run_async(lambda cb: client.lrange_bytes_async('l', 1, 1, None, cb))
        assert [data(v) for v in client.lrange_bytes_finish(result)] == [BINARY]
        assert client.lpop_bytes('l', None).get_data() == b'\xfe'
        assert client.rpop_bytes('l', None).get_data() == b'\x00'
        assert client.rpop_bytes('none', None) is None

        assert client.sadd_bytes('s', [b(BINARY), b(b'\xff')], None) == 2
        assert client.sismember_bytes('s', b(BINARY), None)
        assert not client.sismember_bytes('s', b(b'\xfe'), None)
        assert sorted(data(v) for v in client.smembers_bytes('s', None)) == sorted([BINARY, b'\xff'])
        assert client.srem_bytes('s', [b(b'\xff')], None) == 1
        result = run_async(lambda cb: client.smembers_bytes_async('s', None, cb))
        assert [data(v) for v in client.smembers_bytes_finish(result)] == [BINARY]


@test
def bytes_sorted_sets_round_trip():
    for protocol in (2, 3):
        client = new_client(protocol)
        command(client, 'FLUSHALL')
        assert client.zadd_bytes('z', 2.0, b(BINARY), Gredis.ZaddFlags.NONE, None) == 1
        assert client.zadd_bytes('z', 1.0, b(b'\x00'), Gredis.ZaddFlags.NONE, None) == 1
        found, score = client.zscore_bytes('z', b(BINARY), None)
        assert found and score == 2.0, (found, score)
        found, score = client.zscore_bytes('z', b(b'\xfe'), None)
        assert not found
        assert client.zincrby_bytes('z', 0.5, b(b'\x00'), None) == 1.5
        members = client.zrange_bytes('z', '0', '-1', Gredis.ZrangeFlags.NONE, None)
        assert [data(v) for v in members] == [b'\x00', BINARY], members
        result = run_async(lambda cb: client.zrange_bytes_async('z', '0', '0', Gredis.ZrangeFlags.REV,
                                                                None, cb))
        assert [data(v) for v in client.zrange_bytes_finish(result)] == [BINARY]
        assert client.zrem_bytes('z', [b(BINARY)], None) == 1
        assert client.zcard('z', None) == 1
        result = run_async(lambda cb: client.zscore_bytes_async('z', b(b'\x00'), None, cb))
        assert client.zscore_bytes_finish(result) == (True, 1.5)


def set_socket(path):
    global SOCKET
    SOCKET = path


def main():
    return gredis_tap.run(TESTS, 'gredis-py-', set_socket)


if __name__ == '__main__':
    sys.exit(main())
