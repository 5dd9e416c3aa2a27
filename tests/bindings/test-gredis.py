#!/usr/bin/python3
# test-gredis.py: Gredis from Python (PyGObject), against the fresh typelib
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Prints TAP. Run by meson with GI_TYPELIB_PATH, LD_LIBRARY_PATH and
# GREDIS_PLUGIN_PATH pointing into the build tree.

import os
import sys
import traceback

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('GObject', '2.0')
gi.require_version('Gredis', '1.0')
from gi.repository import Gio, GLib, GObject, Gredis  # noqa: E402

BUILTIN_BACKOFFS = ['none', 'constant', 'exponential', 'full-jitter', 'equal-jitter',
                    'decorrelated-jitter', 'exponential-jitter']

TESTS = []


def test(func):
    TESTS.append(func)
    return func


class PyLinear(GObject.Object, Gredis.BackoffPolicy):
    """A backoff policy written in Python: failures · 1000 µs."""

    __gtype_name__ = 'GredisTestPyLinear'

    def __init__(self):
        super().__init__()
        self.resets = 0

    def do_compute(self, failures):
        return failures * 1000

    def do_reset(self):
        self.resets += 1


@test
def typelib_is_fresh():
    # The typelib comes from the build tree, not from an installed copy.
    repo = gi.Repository.get_default()
    path = repo.get_typelib_path('Gredis')
    build_dirs = os.environ['GI_TYPELIB_PATH'].split(os.pathsep)
    assert any(path.startswith(d) for d in build_dirs if d), path


@test
def plugins_list():
    infos = Gredis.plugins_list(Gredis.PluginKind.BACKOFF_POLICY)
    names = [i.get_name() for i in infos]
    for name in BUILTIN_BACKOFFS:
        assert name in names, (name, names)
    assert names[0] == 'exponential-jitter', names
    priorities = [i.get_priority() for i in infos]
    assert priorities == sorted(priorities, reverse=True), priorities
    for info in infos:
        assert info.get_kind() == Gredis.PluginKind.BACKOFF_POLICY
        assert info.get_filename()
    assert Gredis.plugin_kind_to_string(Gredis.PluginKind.BACKOFF_POLICY) == 'backoff'


@test
def every_builtin_backoff_by_name():
    for name in BUILTIN_BACKOFFS:
        policy = Gredis.BackoffPolicy.new_for_name(name)
        assert isinstance(policy, Gredis.BackoffPolicy), name
        assert policy.props.base == 8000 and policy.props.cap == 512000, name
        policy.props.base = 1000
        policy.props.cap = 100000
        policy.props.seed = 42
        delays = [policy.compute(f) for f in range(1, 12)]
        assert all(0 <= d <= 100000 for d in delays), (name, delays)
        # Seeded: a reset replays the same delays.
        policy.reset()
        assert [policy.compute(f) for f in range(1, 12)] == delays, name
        if name == 'none':
            assert delays == [0] * 11
        elif name == 'constant':
            assert delays == [1000] * 11
        elif name == 'exponential':
            assert delays == [min(100000, 1000 * 2 ** f) for f in range(1, 12)], delays
        elif name == 'decorrelated-jitter':
            assert delays[0] == 1000, delays


@test
def default_backoff_is_exponential_jitter():
    policy = Gredis.BackoffPolicy.new_for_name(None)
    assert GObject.type_name(policy.__gtype__) == 'GredisExponentialJitterBackoff'


@test
def replies_scalars():
    r = Gredis.Reply.new_integer(-42)
    assert r.get_kind() == Gredis.ReplyKind.INTEGER
    assert r.get_integer() == -42
    assert r.to_string() == '(integer) -42\n', repr(r.to_string())
    assert r.to_variant().unpack() == -42

    r = Gredis.Reply.new_string(Gredis.ReplyKind.STRING, 'héllo'.encode())
    assert r.get_kind() == Gredis.ReplyKind.STRING
    assert r.get_bytes().get_data() == 'héllo'.encode()
    assert r.to_string() == '"h\\xc3\\xa9llo"\n', repr(r.to_string())
    assert r.to_variant().unpack() == 'héllo'

    r = Gredis.Reply.new_string(Gredis.ReplyKind.SIMPLE_STRING, b'OK')
    assert r.to_string() == 'OK\n', repr(r.to_string())

    r = Gredis.Reply.new_string(Gredis.ReplyKind.ERROR, b'WRONGTYPE Operation against a key')
    assert r.is_error()
    assert r.to_variant().unpack() == ('wrongtype', 'WRONGTYPE Operation against a key')

    r = Gredis.Reply.new_double(2.5)
    assert r.get_double() == 2.5
    assert r.to_variant().unpack() == 2.5

    r = Gredis.Reply.new_boolean(True)
    assert r.get_boolean() is True
    assert r.to_string() == '(true)\n', repr(r.to_string())

    r = Gredis.Reply.new_nil()
    assert r.is_nil()
    assert r.to_string() == '(nil)\n', repr(r.to_string())
    v = r.to_variant()
    assert v.get_type_string() == 'mv' and v.unpack() is None

    r = Gredis.Reply.new_verbatim('txt', b'Some text')
    assert r.get_kind() == Gredis.ReplyKind.VERBATIM
    assert r.get_verbatim_format() == 'txt'
    assert r.get_bytes().get_data() == b'Some text'

    r = Gredis.Reply.new_bytes(Gredis.ReplyKind.STRING, GLib.Bytes.new(b'a\x00b'))
    assert r.get_bytes().get_data() == b'a\x00b'
    assert r.to_variant().get_type_string() == 'ay'


@test
def replies_aggregates():
    one = Gredis.Reply.new_integer(1)
    two = Gredis.Reply.new_string(Gredis.ReplyKind.STRING, b'two')
    nil = Gredis.Reply.new_nil()
    arr = Gredis.Reply.new_aggregate(Gredis.ReplyKind.ARRAY, [one, two, nil])
    assert arr.is_aggregate()
    assert arr.get_n_elements() == 3
    assert arr.get_element(0).get_integer() == 1
    assert arr.get_element(1).get_bytes().get_data() == b'two'
    assert arr.get_element(2).is_nil()
    assert arr.to_string() == '1) (integer) 1\n2) "two"\n3) (nil)\n', repr(arr.to_string())
    assert arr.to_variant().unpack() == [1, 'two', None]

    nested = Gredis.Reply.new_aggregate(Gredis.ReplyKind.ARRAY, [arr, one])
    assert nested.get_element(0).get_n_elements() == 3
    assert nested.get_element(0).equal(arr)

    key = Gredis.Reply.new_string(Gredis.ReplyKind.STRING, b'key')
    m = Gredis.Reply.new_aggregate(Gredis.ReplyKind.MAP, [key, one])
    assert m.get_kind() == Gredis.ReplyKind.MAP
    assert m.to_variant().unpack() == {'key': 1}
    assert '=>' in m.to_string()

    empty = Gredis.Reply.new_aggregate(Gredis.ReplyKind.SET, [])
    assert empty.get_n_elements() == 0


@test
def python_backoff_registered_by_name():
    Gredis.plugins_register_type(Gredis.PluginKind.BACKOFF_POLICY, 'py-linear',
                                 PyLinear.__gtype__, 5)
    info = Gredis.plugins_lookup(Gredis.PluginKind.BACKOFF_POLICY, 'py-linear')
    assert info.get_gtype() == PyLinear.__gtype__
    assert info.get_filename() == '(application)'
    names = [i.get_name() for i in Gredis.plugins_list(Gredis.PluginKind.BACKOFF_POLICY)]
    assert 'py-linear' in names

    policy = Gredis.BackoffPolicy.new_for_name('py-linear')
    assert isinstance(policy, PyLinear), type(policy)
    assert policy.compute(3) == 3000

    retry = Gredis.Retry.new(policy, 4)
    assert retry.get_backoff() is policy
    assert retry.props.retries == 4
    assert [retry.get_delay(f) for f in (1, 2, 4)] == [1000, 2000, 4000]
    retry.reset()
    retry.reset()
    assert policy.resets == 2

    # Not the default: its priority is below exponential-jitter's.
    default = Gredis.Retry.new(None, 3)
    assert GObject.type_name(default.get_backoff().__gtype__) == 'GredisExponentialJitterBackoff'
    assert default.get_backoff().props.base == 10000
    assert default.get_backoff().props.cap == 1000000


@test
def retry_decisions():
    retry = Gredis.Retry(retries=2)
    assert retry.get_backoff() is not None
    conn = GLib.Error.new_literal(Gredis.error_quark(), 'Connection lost.',
                                  Gredis.Error.CONNECTION)
    assert retry.should_retry(conn, 1)
    assert retry.should_retry(conn, 2)
    assert not retry.should_retry(conn, 3)

    refused = GLib.Error.new_literal(Gio.io_error_quark(), 'Refused.',
                                     Gio.IOErrorEnum.CONNECTION_REFUSED)
    assert retry.should_retry(refused, 1)

    proto = GLib.Error.new_literal(Gredis.error_quark(), 'Bad reply.', Gredis.Error.PROTOCOL)
    assert not retry.should_retry(proto, 1)
    retry.add_error(GLib.quark_from_string('gredis-error-quark'), Gredis.Error.PROTOCOL)
    assert retry.should_retry(proto, 1)
    retry.remove_error(Gredis.error_quark(), Gredis.Error.CONNECTION)
    assert not retry.should_retry(conn, 1)

    cancelled = GLib.Error.new_literal(Gio.io_error_quark(), 'Cancelled.',
                                       Gio.IOErrorEnum.CANCELLED)
    retry.add_error(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)
    assert not retry.should_retry(cancelled, 1)

    # Permanent failures are never retried, even when added.
    unknown = GLib.Error.new_literal(Gredis.error_quark(), 'No such host.',
                                     Gredis.Error.HOST_NOT_FOUND)
    assert Gredis.Retry.is_permanent_error(unknown)
    assert not Gredis.Retry.is_permanent_error(conn)
    retry.add_error(Gredis.error_quark(), Gredis.Error.HOST_NOT_FOUND)
    assert not retry.should_retry(unknown, 1)


@test
def client_retry():
    client = Gredis.Client.new_for_uri('redis://127.0.0.1:1/?retries=2')
    made = client.get_retry()
    assert made.props.retries == 2
    assert client.props.retry is made
    mine = Gredis.Retry(retries=5)
    client.set_retry(mine)
    assert client.get_retry() is mine
    client.props.retry = None
    assert client.get_retry().props.retries == 2


@test
def missing_plugin_error():
    try:
        Gredis.BackoffPolicy.new_for_name('no-such-backoff')
    except GLib.Error as e:
        assert e.domain == 'gredis-error-quark', e.domain
        assert e.matches(Gredis.error_quark(), Gredis.Error.PLUGIN_NOT_FOUND)
        assert 'no-such-backoff' in e.message, e.message
    else:
        raise AssertionError('no error raised')


def main():
    print('1..%d' % len(TESTS))
    failed = 0
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
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
