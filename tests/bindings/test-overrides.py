#!/usr/bin/python3
# test-overrides.py: the PyGObject overrides (bindings/python/gi/overrides/
# Gredis.py, loaded from the source tree): redis-py-like commands, replies
# as Python values, errors per code, pipelines, transactions and scan
# iterators, on a redis-server of its own.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Prints TAP. Argument: the folder that holds gi/overrides/Gredis.py.

import os
import sys

import gredis_tap
import gi
import gi.overrides

OVERRIDES = os.path.join(sys.argv[1], 'gi', 'overrides')
gi.overrides.__path__.insert(0, OVERRIDES)

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


def expect_error(cls, func, *args, **kwargs):
    try:
        func(*args, **kwargs)
    except cls as e:
        assert isinstance(e, GLib.Error), type(e).__mro__
        return e
    raise AssertionError('%s did not raise %s' % (func.__name__, cls.__name__))


@test
def overrides_come_from_the_source_tree():
    module = sys.modules['gi.overrides.Gredis']
    assert os.path.samefile(os.path.dirname(module.__file__), OVERRIDES), module.__file__
    assert Gredis.Client.__module__ == 'gi.overrides.Gredis'
    assert Gredis.Reply.__module__ == 'gi.overrides.Gredis'


@test
def strings_with_options():
    client = new_client()
    assert client.set('k', 'v', ex=100, nx=True) is True
    assert client.set('k', 'w', nx=True) is None
    assert client.get('k') == 'v'
    assert 90 < client.ttl('k') <= 100
    assert client.set('k', 'w', xx=True, keepttl=True) is True
    assert client.set('k', 'x', get=True) == 'w'
    assert client.get('missing') is None
    assert client.set('n', 41) is True
    assert client.incr('n') == 42
    assert client.incr('n', 8) == 50
    assert client.decr('n') == 49
    assert client.incrbyfloat('n', 0.5) == 49.5
    assert client.mset({'a': 1, 'b': b'\x00\xff'}) is True
    assert client.mget('a', 'nope') == ['1', None]
    assert client.exists('a', 'b', 'nope') == 2
    assert client.expire('a', 50) is True
    assert client.expire('nope', 50) is False
    assert client.delete('a', 'b', 'nope') == 2
    assert client.type('k') == 'string'
    assert client.ping() is True
    assert client.execute_command('STRLEN', 'k') == 1


@test
def decode_responses_false_gives_bytes():
    client = new_client(decode_responses=False)
    assert client.decode_responses is False
    client.set('bin', b'\x00\xff\xfe')
    assert client.get('bin') == b'\x00\xff\xfe'
    assert client.keys() == [b'bin']
    text = Gredis.Client.from_url('unix://' + SOCKET)
    assert text.decode_responses is True
    try:
        text.get('bin')
    except UnicodeDecodeError:
        pass
    else:
        raise AssertionError('binary value decoded as text')
    client.set('t', 'é')
    assert text.get('t') == 'é'
    assert client.get('t') == 'é'.encode()


@test
def client_construction():
    client = Gredis.Client(unix_socket_path=SOCKET, socket_timeout=4, db=2)
    config = client.get_config()
    assert config.get_path() == SOCKET
    assert config.get_command_timeout_ms() == 4000
    assert config.get_db() == 2
    client.set('in-db-2', 1)
    assert Gredis.Client(path=SOCKET).exists('in-db-2') == 0
    base = Gredis.Config.new()
    base.set_path(SOCKET)
    with Gredis.Client(config=base, db=2, decode_responses=False) as other:
        assert other.get('in-db-2') == b'1'
    url = Gredis.Client('unix://%s?db=2' % SOCKET)
    assert url.get('in-db-2') == '1'
    url.delete('in-db-2')


@test
def hashes_lists_sets_sorted_sets():
    client = new_client()
    assert client.hset('h', 'f', 'v') == 1
    assert client.hset('h', mapping={'a': 1, 'b': 2}) == 2
    assert client.hget('h', 'a') == '1'
    assert client.hgetall('h') == {'f': 'v', 'a': '1', 'b': '2'}
    assert client.hexists('h', 'f') is True
    assert client.hincrby('h', 'a', 5) == 6
    assert client.hdel('h', 'f', 'nope') == 1
    assert sorted(client.hkeys('h')) == ['a', 'b']
    assert client.rpush('l', 1, 2, 3) == 3
    assert client.lpush('l', 0) == 4
    assert client.lrange('l', 0, -1) == ['0', '1', '2', '3']
    assert client.lpop('l') == '0'
    assert client.rpop('l', 2) == ['3', '2']
    assert client.sadd('s', 'a', 'b', 'a') == 2
    assert client.smembers('s') == {'a', 'b'}
    assert client.sismember('s', 'a') is True
    assert client.sismember('s', 'z') is False
    assert client.zadd('z', {'one': 1, 'two': 2.5}) == 2
    assert client.zrange('z', 0, -1) == ['one', 'two']
    assert client.zrange('z', 0, -1, desc=True, withscores=True) == [('two', 2.5), ('one', 1.0)]
    assert client.zscore('z', 'two') == 2.5
    assert client.zscore('z', 'nope') is None
    assert client.zincrby('z', 1, 'one') == 2.0
    assert client.publish('nobody', 'hi') == 0


@test
def c_shaped_calls_still_work():
    client = new_client()
    assert client.set('k', 'v', 0, Gredis.SetFlags.NX, None) is True
    assert client.get('k', None) == 'v'
    assert client.exists(['k', 'nope'], None) == 1
    assert client.hset('h', ['a', '1'], None) == 1
    assert client.command(['GET', 'k'], None).get_text() == 'v'


@test
def replies_behave_as_values():
    client = new_client()
    client.rpush('l', 'a', 10, 'c')
    client.set('n', 7)
    array = client.command(['LRANGE', 'l', '0', '-1'], None)
    assert isinstance(array, Gredis.Reply)
    assert len(array) == 3
    assert array[0] == 'a' and array[-1] == b'c'
    assert int(array[1]) == 10 and float(array[1]) == 10.0
    assert [str(r) for r in array] == ['a', '10', 'c']
    assert array[0:2] == [array[0], array[1]]
    assert 'c' in array
    assert array.to_python() == ['a', '10', 'c']
    assert array.to_python(decode=False) == [b'a', b'10', b'c']
    assert bool(array)
    integer = client.command(['GET', 'n'], None)
    assert bytes(integer) == b'7' and int(integer) == 7
    count = client.command(['INCR', 'n'], None)
    assert count.kind == Gredis.ReplyKind.INTEGER
    assert int(count) == 8 and count == 8 and str(count) == '8' and bytes(count) == b'8'
    nil = client.command(['GET', 'missing'], None)
    assert not nil and nil.to_python() is None
    client.hset('h', mapping={'f': 'v'})
    for protocol in (2, 3):
        c = new_client(protocol=protocol)
        c.hset('h', mapping={'f': 'v', 'g': 'w'})
        reply = c.command(['HGETALL', 'h'], None)
        if protocol == 3:
            assert reply.kind == Gredis.ReplyKind.MAP
            assert reply.to_python() == {'f': 'v', 'g': 'w'}
            assert len(reply) == 2 and reply['g'] == 'w'
            assert sorted(str(k) for k in reply) == ['f', 'g']
        else:
            assert reply.to_python() == ['f', 'v', 'g', 'w'] or \
                reply.to_python() == ['g', 'w', 'f', 'v']
    empty = client.command(['LRANGE', 'none', '0', '-1'], None)
    assert len(empty) == 0 and not empty
    built = Gredis.Reply.new_integer(3)
    assert int(built) == 3 and built == Gredis.Reply.new_integer(3)
    assert hash(built) == hash(Gredis.Reply.new_integer(3))
    binary = Gredis.Reply.new_bytes(Gredis.ReplyKind.STRING, GLib.Bytes.new(b'\xff'))
    assert binary == b'\xff' and binary != 'x' and bytes(binary) == b'\xff'
    assert {array[0]: 1}['a'] == 1


@test
def errors_are_subclasses_per_code():
    client = new_client()
    client.set('s', 'text')
    e = expect_error(Gredis.ResponseError, client.incr, 's')
    assert e.matches(Gredis.error_quark(), Gredis.Error.SERVER)
    assert 'not an integer' in e.message
    e = expect_error(Gredis.WrongTypeError, client.lpush, 's', 'x')
    assert isinstance(e, Gredis.ResponseError) and isinstance(e, Gredis.RedisError)
    assert e.code == Gredis.Error.WRONGTYPE
    # Methods of the C API raise them too.
    expect_error(Gredis.WrongTypeError, client.llen, 's', None)
    assert Gredis.error_class(Gredis.Error.TIMEOUT) is Gredis.TimeoutError
    plain = GLib.Error('NOSCRIPT x', GLib.quark_to_string(Gredis.error_quark()),
                       int(Gredis.Error.NOSCRIPT))
    assert type(Gredis.convert_error(plain)) is Gredis.NoScriptError
    closed = Gredis.Client(path=os.path.join(os.path.dirname(SOCKET), 'none.sock'),
                           connect_timeout_ms=2000, retries=0)
    expect_error(Gredis.RedisError, closed.get, 'k')


@test
def pipelines_as_context_managers():
    client = new_client()
    with client.pipeline() as p:
        p.set('a', 1).incr('a')
        p.get('a')
        p.hset('h', mapping={'x': 'y'}).hgetall('h')
        assert len(p) == 5
        assert p.execute() == [True, 2, '2', 1, {'x': 'y'}]
        assert len(p) == 0
    with client.pipeline(transaction=False) as p:
        p.set('s', 'text')
        p.incr('s')
        p.get('s')
        e = expect_error(Gredis.ResponseError, p.execute)
        assert 'not an integer' in e.message
    with client.pipeline(transaction=False) as p:
        p.incr('s').get('s')
        results = p.execute(raise_on_error=False)
        assert isinstance(results[0], Gredis.ResponseError) and results[1] == 'text', results


@test
def transactions_retry_on_conflict():
    client = new_client()
    writer = new_client()
    client.set('counter', 1)
    calls = []

    def increment(pipe, watched):
        calls.append(watched)
        if len(calls) <= 2:
            writer.incrby('counter', 100)
        pipe.set('counter', int(watched) + 1)
        pipe.get('counter')

    results = client.transaction(increment, 'counter', read=['GET', 'counter'], max_attempts=5)
    assert calls == ['1', '101', '201'], calls
    assert results == [True, '202'], results

    def fails(pipe, watched):
        pipe.set('counter', 0)
        raise KeyError('from the function')
    try:
        client.transaction(fails, 'counter')
    except KeyError as e:
        assert 'from the function' in str(e)
    else:
        raise AssertionError('the exception of the function was lost')
    assert client.get('counter') == '202'
    with client.pipeline() as p:
        p.watch('counter')
        writer.incr('counter')
        p.set('counter', 0)
        expect_error(Gredis.WatchError, p.execute)
    assert client.get('counter') == '203'


@test
def pubsub_messages():
    client = new_client()
    publisher = new_client()
    pubsub = client.pubsub()
    assert pubsub.subscribe('news', 'sport') is True
    assert pubsub.psubscribe('user:*') is True
    assert pubsub.get_message(timeout=0) is None
    assert publisher.publish('news', 'hello') == 1
    assert publisher.publish('user:7', b'\x01') == 1
    assert pubsub.get_message(timeout=10) == {
        'type': 'message', 'pattern': None, 'channel': 'news', 'data': 'hello'}
    assert pubsub.get_message(timeout=10) == {
        'type': 'pmessage', 'pattern': 'user:*', 'channel': 'user:7', 'data': '\x01'}
    assert pubsub.unsubscribe('news') is True
    assert pubsub.get_n_subscriptions() == 2
    pubsub.close()


@test
def scan_iterators():
    client = new_client()
    for i in range(30):
        client.set('user:%d' % i, i)
    client.set('other', 1)
    keys = list(client.scan_iter(match='user:*', count=7))
    assert sorted(keys) == sorted('user:%d' % i for i in range(30)), keys
    client.hset('h', mapping={'f%d' % i: i for i in range(20)})
    assert dict(client.hscan_iter('h')) == {'f%d' % i: str(i) for i in range(20)}
    client.sadd('s', *range(15))
    assert sorted(int(m) for m in client.sscan_iter('s', match='1*')) == [1, 10, 11, 12, 13, 14]
    client.zadd('z', {'a': 1, 'b': 2})
    assert sorted(client.zscan_iter('z')) == [('a', 1.0), ('b', 2.0)]
    raw = new_client(decode_responses=False)
    raw.set(b'\xff', 1)
    assert b'\xff' in list(raw.scan_iter())


def main():
    def on_socket(socket):
        global SOCKET
        SOCKET = socket
    return gredis_tap.run(TESTS, 'gredis-py-overrides-', on_socket)


if __name__ == '__main__':
    sys.exit(main())
