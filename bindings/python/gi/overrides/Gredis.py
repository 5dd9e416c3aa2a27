# Gredis.py: PyGObject overrides for Gredis, loaded by
# `from gi.repository import Gredis`.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# What it adds to the introspected API (docs/python.md is the guide):
#
# - redis-py-like commands on Gredis.Client and Gredis.Pipeline, with
#   keyword options and defaults: client.set('k', 'v', ex=10, nx=True);
#   replies are Python values, text (str) by default or bytes with
#   decode_responses=False. Calls in the C shape (a trailing cancellable,
#   or more positional arguments than the Python form takes) still reach
#   the typed helpers of the C library.
# - Gredis.Reply as a Python value: iterable, indexable, len(), int(),
#   float(), bytes(), str(), bool(), ==, to_python().
# - Pipelines as context managers, transactions, scan enumerators as
#   iterators (sync and async), pub/sub messages as redis-py's
#   dictionaries (get_message(), async listen()).
# - Errors of the GREDIS_ERROR domain raised as subclasses of GLib.Error,
#   one per code (Gredis.WrongTypeError, Gredis.TimeoutError, ...).
# - asyncio: every foo_async() method of the namespace returns an
#   awaitable when called without a callback, and Gredis.AsyncClient has
#   the commands as coroutines; Gredis.run() and Gredis.new_event_loop()
#   give an asyncio loop that also runs the GLib main context (PyGObject's
#   own gi.events loop where the installed PyGObject has it, a small
#   bridge otherwise).

import asyncio
import collections
import functools
import selectors
import time

from ..module import get_introspection_module
from ..overrides import override
from gi.repository import GLib, Gio

Gredis = get_introspection_module('Gredis')

__all__ = []


def _export(obj, name=None):
    name = name or obj.__name__
    globals()[name] = obj
    __all__.append(name)
    return obj


# ---------------------------------------------------------------------------
# Errors


class RedisError(GLib.Error):
    """Base class of the errors of the GREDIS_ERROR domain raised by the
    overrides. It is a GLib.Error: `except GLib.Error` and
    `e.matches(Gredis.error_quark(), code)` keep working."""


class ResponseError(RedisError):
    """The server replied with an error (GREDIS_ERROR_SERVER, and the base
    of the errors named after a server error prefix)."""


_export(RedisError)
_export(ResponseError)

# code nick -> (class name, base); the server's error prefixes derive from
# ResponseError, the client's own failures from RedisError.
_ERROR_NAMES = {
    'failed': ('RedisError', None),
    'connection': ('ConnectionError', RedisError),
    'timeout': ('TimeoutError', RedisError),
    'protocol': ('ProtocolError', RedisError),
    'tls': ('TLSError', RedisError),
    'auth': ('AuthenticationError', ResponseError),
    'noperm': ('NoPermissionError', ResponseError),
    'plugin-not-found': ('PluginNotFoundError', RedisError),
    'config': ('ConfigError', RedisError),
    'server': ('ResponseError', None),
    'wrongtype': ('WrongTypeError', ResponseError),
    'moved': ('MovedError', ResponseError),
    'ask': ('AskError', ResponseError),
    'tryagain': ('TryAgainError', ResponseError),
    'clusterdown': ('ClusterDownError', ResponseError),
    'crossslot': ('CrossSlotError', ResponseError),
    'noscript': ('NoScriptError', ResponseError),
    'readonly': ('ReadOnlyError', ResponseError),
    'loading': ('BusyLoadingError', ResponseError),
    'busy': ('BusyError', ResponseError),
    'masterdown': ('MasterDownError', ResponseError),
    'oom': ('OutOfMemoryError', ResponseError),
    'execabort': ('ExecAbortError', ResponseError),
    'watch': ('WatchError', RedisError),
    'noreplicas': ('NoReplicasError', ResponseError),
    'busygroup': ('BusyGroupError', ResponseError),
    'nogroup': ('NoGroupError', ResponseError),
    'unknown-outcome': ('UnknownOutcomeError', RedisError),
    'closed': ('ClosedError', RedisError),
    'pool-exhausted': ('PoolExhaustedError', RedisError),
    'unsupported': ('UnsupportedError', RedisError),
    'connection-state': ('ConnectionStateError', RedisError),
    'host-not-found': ('HostNotFoundError', None),
    'no-sentinel': ('NoSentinelError', None),
    'unknown-master': ('UnknownMasterError', ResponseError),
}

_ERROR_CLASSES = {}


def _make_error_classes():
    enum = Gredis.Error
    for value in sorted(enum.__enum_values__):
        member = enum.__enum_values__[value]
        nick = member.value_nick
        name, base = _ERROR_NAMES.get(
            nick, (''.join(p.capitalize() for p in nick.split('-')) + 'Error', RedisError))
        cls = globals().get(name)
        if cls is None:
            if base is None:
                base = globals()['ConnectionError'] if nick != 'unknown-master' else RedisError
            cls = type(name, (base,), {
                '__doc__': 'Gredis.Error.%s (%s).' % (member.value_name[len('GREDIS_ERROR_'):], nick),
                '__module__': __name__,
            })
            _export(cls, name)
        _ERROR_CLASSES[int(value)] = cls


_make_error_classes()


def error_class(code):
    """Returns the subclass of GLib.Error raised for a Gredis.Error @code."""
    return _ERROR_CLASSES.get(int(code), RedisError)


def convert_error(error):
    """Returns @error (a GLib.Error) as the subclass for its code when it is
    in the GREDIS_ERROR domain, or unchanged otherwise. The overrides
    raise converted errors already; this is for errors caught elsewhere."""
    if isinstance(error, RedisError) or not isinstance(error, GLib.Error):
        return error
    if error.domain != _ERROR_DOMAIN:
        return error
    return error_class(error.code)(error.message, error.domain, error.code)


_ERROR_DOMAIN = GLib.quark_to_string(Gredis.error_quark())
_export(error_class)
_export(convert_error)


def _raising(func):
    """Wraps an introspected callable so that its GREDIS_ERROR errors are
    raised as their subclasses."""
    @functools.wraps(func, assigned=('__name__', '__doc__'))
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GLib.Error as e:
            converted = convert_error(e)
            if converted is e:
                raise
            raise converted from None
    return wrapper


# ---------------------------------------------------------------------------
# Arguments and replies


def _arg(value):
    """One command argument as GLib.Bytes: bytes as they are, text as
    UTF-8, numbers in their decimal spelling."""
    if isinstance(value, GLib.Bytes):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return GLib.Bytes.new(bytes(value))
    if isinstance(value, str):
        return GLib.Bytes.new(value.encode('utf-8'))
    if isinstance(value, bool) or value is None:
        raise TypeError('Invalid command argument %r: use bytes, str, int or float' % (value,))
    if isinstance(value, int):
        return GLib.Bytes.new(str(value).encode('ascii'))
    if isinstance(value, float):
        return GLib.Bytes.new(repr(value).encode('ascii'))
    raise TypeError('Invalid command argument of type %s: use bytes, str, int or float'
                    % type(value).__name__)


def _args(args):
    return [_arg(a) for a in args]


def _decode(data, decode):
    return data.decode('utf-8') if decode else data


_STRINGS = None


@override
class Reply(Gredis.Reply):
    """A server reply that behaves as the Python value it holds.

    Aggregates (arrays, sets, pushes) are sequences of child replies: len(),
    reply[i], iteration; maps are mappings: reply['key'], iteration over
    keys, items(). Scalars convert with int(), float(), bytes(), str() and
    bool(). to_python() converts the whole tree."""

    @property
    def kind(self):
        return self.get_kind()

    def _is_string(self):
        return self.get_kind() in _STRINGS

    def get_data(self):
        """Returns the bytes of a string-like reply (bulk, simple, error,
        verbatim, big number), or None for other kinds."""
        if not self._is_string():
            return None
        data = self.get_bytes()
        return b'' if data is None else bytes(data.get_data() or b'')

    def to_python(self, decode=True):
        """Returns the reply as a Python value: str (or bytes when @decode
        is False) for strings, int, float, bool, None for nil, list for
        arrays and pushes, set for sets (list when an element is not
        hashable), dict for maps, and a Gredis.ResponseError instance for
        an error reply."""
        kind = self.get_kind()
        K = Gredis.ReplyKind
        if kind in (K.STRING, K.SIMPLE_STRING, K.VERBATIM):
            return _decode(self.get_data(), decode)
        if kind == K.INTEGER:
            return self.get_integer()
        if kind == K.NIL:
            return None
        if kind == K.DOUBLE:
            return self.get_double()
        if kind == K.BOOLEAN:
            return self.get_boolean()
        if kind == K.BIG_NUMBER:
            return int(self.get_data())
        if kind == K.ERROR:
            return convert_error(self.to_error())
        n = self.get_n_elements()
        children = [self.get_element(i).to_python(decode) for i in range(n)]
        if kind == K.MAP:
            return {_hashable(children[i]): children[i + 1] for i in range(0, n - 1, 2)}
        if kind == K.SET:
            try:
                return set(children)
            except TypeError:
                return children
        return children

    @property
    def value(self):
        """The reply as a Python value (to_python() with text decoded)."""
        return self.to_python()

    # Sequences and mappings

    def __len__(self):
        if self.get_kind() == Gredis.ReplyKind.MAP:
            return self.get_n_elements() // 2
        if self.is_aggregate():
            return self.get_n_elements()
        if self._is_string():
            return len(self.get_data())
        raise TypeError('a %s reply has no length' % self.get_kind().value_nick)

    def __iter__(self):
        if self.get_kind() == Gredis.ReplyKind.MAP:
            return (self.get_element(i) for i in range(0, self.get_n_elements(), 2))
        if self.is_aggregate():
            return (self.get_element(i) for i in range(self.get_n_elements()))
        raise TypeError('a %s reply is not iterable' % self.get_kind().value_nick)

    def items(self):
        """The (key, value) child replies of a map reply."""
        if self.get_kind() != Gredis.ReplyKind.MAP:
            raise TypeError('a %s reply is not a map' % self.get_kind().value_nick)
        return [(self.get_element(i), self.get_element(i + 1))
                for i in range(0, self.get_n_elements() - 1, 2)]

    def keys(self):
        return [k for k, _ in self.items()]

    def values(self):
        return [v for _, v in self.items()]

    def __getitem__(self, index):
        if self.get_kind() == Gredis.ReplyKind.MAP and not isinstance(index, int):
            for key, value in self.items():
                if key == index:
                    return value
            raise KeyError(index)
        if not self.is_aggregate():
            raise TypeError('a %s reply is not indexable' % self.get_kind().value_nick)
        n = self.get_n_elements()
        if isinstance(index, slice):
            return [self.get_element(i) for i in range(*index.indices(n))]
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError('reply index out of range')
        return self.get_element(index)

    def __contains__(self, item):
        return any(child == item for child in self)

    # Scalars

    def __int__(self):
        kind = self.get_kind()
        K = Gredis.ReplyKind
        if kind == K.INTEGER:
            return self.get_integer()
        if kind == K.BOOLEAN:
            return int(self.get_boolean())
        if kind == K.DOUBLE:
            return int(self.get_double())
        if kind in (K.STRING, K.SIMPLE_STRING, K.BIG_NUMBER, K.VERBATIM):
            return int(self.get_data())
        raise TypeError('a %s reply is not a number' % kind.value_nick)

    def __float__(self):
        kind = self.get_kind()
        K = Gredis.ReplyKind
        if kind == K.DOUBLE:
            return self.get_double()
        if kind in (K.STRING, K.SIMPLE_STRING, K.BIG_NUMBER, K.VERBATIM):
            return float(self.get_data())
        return float(int(self))

    def __bytes__(self):
        if self._is_string():
            return self.get_data()
        value = self.to_python()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value).encode('ascii')
        raise TypeError('a %s reply has no bytes' % self.get_kind().value_nick)

    def __str__(self):
        if self._is_string():
            return self.get_data().decode('utf-8', 'backslashreplace')
        if self.is_aggregate() or self.is_nil():
            return self.to_string()
        return str(self.to_python())

    def __bool__(self):
        """False for nil, a false boolean, 0, an empty string or an empty
        aggregate; True otherwise (errors included)."""
        if self.get_kind() == Gredis.ReplyKind.ERROR:
            return True
        return bool(self.to_python(decode=False))

    def __eq__(self, other):
        if isinstance(other, Gredis.Reply):
            return self.equal(other)
        if isinstance(other, (bytes, bytearray)):
            return self.to_python(decode=False) == other
        if isinstance(other, str) and self._is_string():
            return self.get_data() == other.encode('utf-8')
        try:
            return self.to_python() == other
        except UnicodeDecodeError:
            return False

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        # As the value it equals: the text where it decodes, else bytes.
        try:
            return hash(_hashable(self.to_python()))
        except UnicodeDecodeError:
            return hash(_hashable(self.to_python(decode=False)))

    def __repr__(self):
        return '<Gredis.Reply %s %r>' % (self.get_kind().value_nick, self.to_python(decode=False))


_STRINGS = (Gredis.ReplyKind.STRING, Gredis.ReplyKind.SIMPLE_STRING, Gredis.ReplyKind.ERROR,
            Gredis.ReplyKind.VERBATIM, Gredis.ReplyKind.BIG_NUMBER)
_export(Reply)


def _hashable(value):
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, set):
        return frozenset(value)
    if isinstance(value, dict):
        return frozenset((k, _hashable(v)) for k, v in value.items())
    if isinstance(value, BaseException):
        return str(value)
    return value


# ---------------------------------------------------------------------------
# Parsers of replies: each takes (reply, decode) and returns the value the
# command's redis-py counterpart returns.


def _value(reply, decode):
    value = reply.to_python(decode)
    if isinstance(value, BaseException):
        raise value
    return value


def _ok(reply, decode):
    return reply.get_kind() in (Gredis.ReplyKind.SIMPLE_STRING, Gredis.ReplyKind.STRING) \
        and reply.get_data() == b'OK'


def _ok_or_none(reply, decode):
    return True if _ok(reply, decode) else None


def _bool(reply, decode):
    return bool(_value(reply, False))


def _float_or_none(reply, decode):
    value = _value(reply, False)
    return None if value is None else float(value)


def _as_set(reply, decode):
    value = _value(reply, decode)
    return set(value) if isinstance(value, list) else value


def _pairs_dict(reply, decode):
    value = _value(reply, decode)
    if isinstance(value, list):
        return dict(zip(value[0::2], value[1::2]))
    return value


def _scored(reply, decode):
    value = _value(reply, decode)
    if value and not isinstance(value[0], list):
        return [(value[i], float(value[i + 1])) for i in range(0, len(value), 2)]
    return [(m, float(s)) for m, s in value]


def _bools(reply, decode):
    return [bool(v) for v in _value(reply, False)]


def _type(reply, decode):
    return _decode(reply.get_data(), decode)


# ---------------------------------------------------------------------------
# The commands, shared by the client, pipelines and the asyncio client.
# Each builds its argument list and hands it to self._command(parse, args),
# which runs it (Client), queues it (Pipeline) or returns a coroutine
# (AsyncClient).


class Commands:
    """redis-py-like commands; see docs/python.md. Values may be str
    (sent as UTF-8), bytes, int or float."""

    def execute_command(self, *args, parse=None):
        """Runs any command, such as execute_command('OBJECT', 'ENCODING',
        'k'); returns its reply as a Python value (parse=Gredis.Reply.to_python
        shape), or what @parse(reply, decode) returns."""
        return self._command(parse or _value, args)

    # Keys and strings

    def ping(self):
        return self._command(lambda r, d: _value(r, False) in (b'PONG', [b'pong', b'']), ['PING'])

    def echo(self, value):
        return self._command(_value, ['ECHO', value])

    def get(self, name):
        return self._command(_value, ['GET', name])

    def set(self, name, value, *, ex=None, px=None, nx=False, xx=False, keepttl=False,
            get=False, exat=None, pxat=None):
        args = ['SET', name, value]
        for word, option in (('EX', ex), ('PX', px), ('EXAT', exat), ('PXAT', pxat)):
            if option is not None:
                if hasattr(option, 'total_seconds'):
                    option = int(option.total_seconds() * (1000 if word.startswith('P') else 1))
                args += [word, option]
        for word, flag in (('NX', nx), ('XX', xx), ('KEEPTTL', keepttl), ('GET', get)):
            if flag:
                args.append(word)
        return self._command(_value if get else _ok_or_none, args)

    def setex(self, name, time, value):
        return self.set(name, value, ex=time)

    def setnx(self, name, value):
        return self._command(_bool, ['SETNX', name, value])

    def getdel(self, name):
        return self._command(_value, ['GETDEL', name])

    def getset(self, name, value):
        return self._command(_value, ['GETSET', name, value])

    def mget(self, keys, *args):
        keys = [keys] if isinstance(keys, (str, bytes)) else list(keys)
        return self._command(_value, ['MGET'] + keys + list(args))

    def mset(self, mapping):
        args = ['MSET']
        for key, value in mapping.items():
            args += [key, value]
        return self._command(_ok, args)

    def msetnx(self, mapping):
        args = ['MSETNX']
        for key, value in mapping.items():
            args += [key, value]
        return self._command(_bool, args)

    def append(self, key, value):
        return self._command(_value, ['APPEND', key, value])

    def strlen(self, name):
        return self._command(_value, ['STRLEN', name])

    def incr(self, name, amount=1):
        return self.incrby(name, amount)

    def incrby(self, name, amount=1):
        return self._command(_value, ['INCRBY', name, amount])

    def decr(self, name, amount=1):
        return self.decrby(name, amount)

    def decrby(self, name, amount=1):
        return self._command(_value, ['DECRBY', name, amount])

    def incrbyfloat(self, name, amount=1.0):
        return self._command(lambda r, d: float(_value(r, False)), ['INCRBYFLOAT', name, amount])

    def delete(self, *names):
        return self._command(_value, ['DEL'] + list(names))

    def unlink(self, *names):
        return self._command(_value, ['UNLINK'] + list(names))

    def exists(self, *names):
        return self._command(_value, ['EXISTS'] + list(names))

    def _expiry(self, command, name, time, nx, xx, gt, lt, unit):
        if hasattr(time, 'total_seconds'):
            time = int(time.total_seconds() * unit)
        args = [command, name, time]
        for word, flag in (('NX', nx), ('XX', xx), ('GT', gt), ('LT', lt)):
            if flag:
                args.append(word)
        return self._command(_bool, args)

    def expire(self, name, time, *, nx=False, xx=False, gt=False, lt=False):
        return self._expiry('EXPIRE', name, time, nx, xx, gt, lt, 1)

    def pexpire(self, name, time, *, nx=False, xx=False, gt=False, lt=False):
        return self._expiry('PEXPIRE', name, time, nx, xx, gt, lt, 1000)

    def persist(self, name):
        return self._command(_bool, ['PERSIST', name])

    def ttl(self, name):
        return self._command(_value, ['TTL', name])

    def pttl(self, name):
        return self._command(_value, ['PTTL', name])

    def type(self, name):
        return self._command(_type, ['TYPE', name])

    def rename(self, src, dst):
        return self._command(_ok, ['RENAME', src, dst])

    def keys(self, pattern='*'):
        return self._command(_value, ['KEYS', pattern])

    def dbsize(self):
        return self._command(_value, ['DBSIZE'])

    def flushdb(self, asynchronous=False):
        return self._command(_ok, ['FLUSHDB'] + (['ASYNC'] if asynchronous else []))

    def flushall(self, asynchronous=False):
        return self._command(_ok, ['FLUSHALL'] + (['ASYNC'] if asynchronous else []))

    # Hashes

    def hget(self, name, key):
        return self._command(_value, ['HGET', name, key])

    def hset(self, name, key=None, value=None, mapping=None, items=None):
        args = ['HSET', name]
        if key is not None:
            args += [key, value]
        for k, v in (mapping or {}).items():
            args += [k, v]
        args += list(items or [])
        if len(args) == 2:
            raise TypeError("hset needs a key and value, a mapping or items")
        return self._command(_value, args)

    def hsetnx(self, name, key, value):
        return self._command(_bool, ['HSETNX', name, key, value])

    def hmget(self, name, keys, *args):
        keys = [keys] if isinstance(keys, (str, bytes)) else list(keys)
        return self._command(_value, ['HMGET', name] + keys + list(args))

    def hgetall(self, name):
        return self._command(_pairs_dict, ['HGETALL', name])

    def hdel(self, name, *keys):
        return self._command(_value, ['HDEL', name] + list(keys))

    def hexists(self, name, key):
        return self._command(_bool, ['HEXISTS', name, key])

    def hincrby(self, name, key, amount=1):
        return self._command(_value, ['HINCRBY', name, key, amount])

    def hincrbyfloat(self, name, key, amount=1.0):
        return self._command(lambda r, d: float(_value(r, False)), ['HINCRBYFLOAT', name, key, amount])

    def hkeys(self, name):
        return self._command(_value, ['HKEYS', name])

    def hvals(self, name):
        return self._command(_value, ['HVALS', name])

    def hlen(self, name):
        return self._command(_value, ['HLEN', name])

    # Lists

    def lpush(self, name, *values):
        return self._command(_value, ['LPUSH', name] + list(values))

    def rpush(self, name, *values):
        return self._command(_value, ['RPUSH', name] + list(values))

    def lpop(self, name, count=None):
        return self._command(_value, ['LPOP', name] + ([count] if count is not None else []))

    def rpop(self, name, count=None):
        return self._command(_value, ['RPOP', name] + ([count] if count is not None else []))

    def lrange(self, name, start, end):
        return self._command(_value, ['LRANGE', name, start, end])

    def llen(self, name):
        return self._command(_value, ['LLEN', name])

    def lindex(self, name, index):
        return self._command(_value, ['LINDEX', name, index])

    def lrem(self, name, count, value):
        return self._command(_value, ['LREM', name, count, value])

    def ltrim(self, name, start, end):
        return self._command(_ok, ['LTRIM', name, start, end])

    # Sets

    def sadd(self, name, *values):
        return self._command(_value, ['SADD', name] + list(values))

    def srem(self, name, *values):
        return self._command(_value, ['SREM', name] + list(values))

    def smembers(self, name):
        return self._command(_as_set, ['SMEMBERS', name])

    def sismember(self, name, value):
        return self._command(_bool, ['SISMEMBER', name, value])

    def smismember(self, name, values, *args):
        values = [values] if isinstance(values, (str, bytes)) else list(values)
        return self._command(_bools, ['SMISMEMBER', name] + values + list(args))

    def scard(self, name):
        return self._command(_value, ['SCARD', name])

    # Sorted sets

    def zadd(self, name, mapping, *, nx=False, xx=False, ch=False, incr=False, gt=False, lt=False):
        args = ['ZADD', name]
        for word, flag in (('NX', nx), ('XX', xx), ('GT', gt), ('LT', lt), ('CH', ch), ('INCR', incr)):
            if flag:
                args.append(word)
        for member, score in mapping.items():
            args += [score, member]
        return self._command(_float_or_none if incr else _value, args)

    def zrange(self, name, start, end, *, desc=False, withscores=False, byscore=False,
               bylex=False, offset=None, num=None):
        args = ['ZRANGE', name, start, end]
        if byscore:
            args.append('BYSCORE')
        if bylex:
            args.append('BYLEX')
        if desc:
            args.append('REV')
        if offset is not None or num is not None:
            args += ['LIMIT', offset or 0, -1 if num is None else num]
        if withscores:
            args.append('WITHSCORES')
        return self._command(_scored if withscores else _value, args)

    def zscore(self, name, value):
        return self._command(_float_or_none, ['ZSCORE', name, value])

    def zincrby(self, name, amount, value):
        return self._command(_float_or_none, ['ZINCRBY', name, amount, value])

    def zrem(self, name, *values):
        return self._command(_value, ['ZREM', name] + list(values))

    def zcard(self, name):
        return self._command(_value, ['ZCARD', name])

    def zrank(self, name, value):
        return self._command(_value, ['ZRANK', name, value])

    # Pub/sub and scripting

    def publish(self, channel, message):
        return self._command(_value, ['PUBLISH', channel, message])

    def eval(self, script, numkeys, *keys_and_args):
        return self._command(_value, ['EVAL', script, numkeys] + list(keys_and_args))


def _is_c_call(args, arity):
    """Whether positional @args are the C-shaped call of a typed helper:
    more of them than the Python form takes, or a trailing cancellable."""
    if args and (args[-1] is None or isinstance(args[-1], Gio.Cancellable)):
        return True
    return arity is not None and len(args) > arity


def _with_c_form(name, method, c_method):
    """Dispatches C-shaped calls of @name to the introspected @c_method."""
    import inspect
    params = list(inspect.signature(method).parameters.values())[1:]
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        arity = None
    else:
        arity = sum(1 for p in params if p.kind == p.POSITIONAL_OR_KEYWORD)

    @functools.wraps(method)
    def dispatch(self, *args, **kwargs):
        if not kwargs and _is_c_call(args, arity):
            return c_method(self, *args)
        return method(self, *args, **kwargs)
    return dispatch


def _decode_of(client):
    return getattr(client, '_gredis_decode', True)


# ---------------------------------------------------------------------------
# Client


class _ClientBase(Commands):
    _gredis_decode = True

    @property
    def decode_responses(self):
        """Whether string replies come back as str (True, the default: the
        typed helpers of the C library return text too) or as bytes."""
        return self._gredis_decode

    @decode_responses.setter
    def decode_responses(self, value):
        self._gredis_decode = bool(value)

    def _command(self, parse, args):
        reply = self.command_bytes(_args(args), None)
        return parse(reply, self._gredis_decode)

    def execute_command(self, *args, parse=None):
        return self._command(parse or _value, args)

    def pubsub(self):
        """Returns a new Gredis.PubSub of this client."""
        pubsub = Gredis.PubSub.new(self)
        pubsub._messages()
        return pubsub

    def pipeline(self, transaction=True):
        """Returns a Gredis.Pipeline of this client; a transaction
        (MULTI/EXEC) unless @transaction is False. Use it as a context
        manager."""
        return Gredis.Pipeline.new(self, transaction)

    def transaction(self, func, *watches, read=None, max_attempts=5, value_from_callable=False):
        """Runs @func(pipeline, watched) and the commands it queues as a
        transaction, watching the keys @watches; @watched is the value of
        the command @read (an argument list) read after watching them, or
        None. Runs it again when a watched key changed, up to
        @max_attempts times in all (then raises Gredis.WatchError). Returns the
        results, or what @func returned when @value_from_callable."""
        returned = []
        pipeline_box = []
        raised = []

        def attempt(pipeline, watched, *user_data):
            pipeline._gredis_parsers = {}
            pipeline_box[:] = [pipeline]
            try:
                value = None if watched is None else watched.to_python(_decode_of(self))
                returned[:] = [func(pipeline, value)]
            except BaseException as e:
                # Giving up (FALSE) makes the library reset the pipeline
                # and fail; the Python exception is raised instead.
                raised.append(e)
                return False
            return True

        try:
            done = _C_CLIENT_TRANSACTION(self, [str(w) for w in watches],
                                         [str(a) for a in read] if read else None,
                                         max_attempts, attempt, None, None)
        except GLib.Error:
            if raised:
                raise raised[0] from None
            raise
        done._gredis_parsers = pipeline_box[0]._gredis_parsers if pipeline_box else {}
        return returned[0] if value_from_callable else done.results()

    def scan_iter(self, match=None, count=None, _type=None):
        """Yields the keys of the database (SCAN), matching the glob
        @match, @count a hint of the batch size, @_type a type name."""
        return iter(self.enumerate_keys(match, count or 0, _type))

    def hscan_iter(self, name, match=None, count=None):
        """Yields the (field, value) pairs of a hash (HSCAN)."""
        return iter(self.enumerate_hash(name, match, count or 0))

    def sscan_iter(self, name, match=None, count=None):
        """Yields the members of a set (SSCAN)."""
        return iter(self.enumerate_set(name, match, count or 0))

    def zscan_iter(self, name, match=None, count=None):
        """Yields the (member, score) pairs of a sorted set (ZSCAN)."""
        return iter(self.enumerate_sorted_set(name, match, count or 0))

    @property
    def aio(self):
        """A Gredis.AsyncClient sharing this client."""
        return AsyncClient(client=self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_C_CLIENT_TRANSACTION = _raising(Gredis.Client.transaction)

_REDIS_PY_OPTIONS = {
    'unix_socket_path': ('path', lambda v: v),
    'socket_timeout': ('command_timeout_ms', lambda v: int(v * 1000)),
    'socket_connect_timeout': ('connect_timeout_ms', lambda v: int(v * 1000)),
    'socket_keepalive': ('keepalive', bool),
}


def _client_namespace():
    ns = {}
    for name, member in vars(_ClientBase).items():
        if name.startswith('__') and name not in ('__enter__', '__exit__'):
            continue
        ns[name] = member
    for name, member in vars(Commands).items():
        if name.startswith('__') or name in ns:
            continue
        ns[name] = member
    for name in list(ns):
        c_method = getattr(Gredis.Client, name, None)
        if c_method is not None and callable(ns[name]) and name not in ('pipeline',):
            if name == 'transaction':
                ns[name] = _transaction_dispatch(ns[name])
            else:
                ns[name] = _with_c_form(name, ns[name], _raising(c_method))
    return ns


def _transaction_dispatch(method):
    @functools.wraps(method)
    def dispatch(self, *args, **kwargs):
        if args and isinstance(args[0], (list, tuple)):
            return _C_CLIENT_TRANSACTION(self, *args, **kwargs)
        return method(self, *args, **kwargs)
    return dispatch


def _client_init(self, url=None, *, decode_responses=True, config=None, **options):
    """Gredis.Client(url=None, *, decode_responses=True, config=None,
    **options): a client for @url (redis://, rediss://, unix://, as
    Gredis.Config reads them), for the Gredis.Config @config, or for the
    options given as keywords: Gredis.Config property names (host, port,
    path, db, password, username, protocol, command_timeout_ms, ...) and
    the redis-py spellings unix_socket_path, socket_timeout (s),
    socket_connect_timeout (s) and socket_keepalive."""
    if url is not None:
        config = Gredis.Config.new_for_uri(url)
    props = {}
    for key, value in options.items():
        if key in _REDIS_PY_OPTIONS:
            key, convert = _REDIS_PY_OPTIONS[key]
            value = convert(value)
        props[key.replace('_', '-')] = value
    if config is not None:
        for key, value in props.items():
            config.set_property(key, value)
        props = {'config': config}
    Gredis.Client.__init__(self, **props)
    self._gredis_decode = bool(decode_responses)


def _client_from_url(cls, url, decode_responses=True, **options):
    """A client for @url, as redis.Redis.from_url() makes one."""
    return cls(url, decode_responses=decode_responses, **options)


_client_ns = _client_namespace()
_client_ns['__init__'] = _client_init
_client_ns['from_url'] = classmethod(_client_from_url)
_client_ns['__doc__'] = Gredis.Client.__doc__
Client = override(type('Client', (Gredis.Client,), dict(_client_ns, __module__=__name__)))
_export(Client)


# ---------------------------------------------------------------------------
# Pipelines


class _PipelineBase(Commands):
    """A pipeline takes the commands of the client (p.set(...), p.get(...),
    p.execute_command(...)), which queue and return the pipeline;
    execute() runs them and returns their results in order."""

    def _command(self, parse, args):
        index = self.add_command_bytes(_args(args))
        self._parsers()[index] = parse
        return self

    def _parsers(self):
        parsers = getattr(self, '_gredis_parsers', None)
        if parsers is None:
            parsers = self._gredis_parsers = {}
        return parsers

    def results(self, raise_on_error=True):
        """The results of the last execution, parsed as the commands that
        queued them parse them; the first failed command's error is raised
        unless @raise_on_error is False, in which case errors take their
        place in the list."""
        decode = _decode_of(self.get_client())
        parsers = self._parsers()
        results = []
        for i in range(self.get_n_results()):
            try:
                reply = self.get_reply(i)
                value = parsers.get(i, _value)(reply, decode)
            except GLib.Error as e:
                if raise_on_error:
                    raise convert_error(e) from None
                value = convert_error(e)
            results.append(value)
        return results

    def execute(self, raise_on_error=True):
        """Runs the queued commands (as a transaction in transaction mode)
        and returns their results; the pipeline is empty again after."""
        _C_PIPELINE_EXECUTE(self, None)
        try:
            return self.results(raise_on_error)
        finally:
            self._gredis_parsers = {}

    def watch(self, *names):
        """Watches keys (WATCH) until the next execution, which then runs
        as a transaction."""
        return _C_PIPELINE_WATCH(self, [str(n) for n in names], None)

    def reset(self):
        """Forgets the queued commands and unwatches the keys."""
        self._gredis_parsers = {}
        _C_PIPELINE_RESET(self)

    def multi(self):
        """Makes the rest of the pipeline a transaction (MULTI/EXEC)."""
        self.set_transaction(True)
        return self

    def __len__(self):
        return self.get_n_commands()

    def __bool__(self):
        return True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.reset()


_C_PIPELINE_EXECUTE = _raising(Gredis.Pipeline.execute)
_C_PIPELINE_WATCH = _raising(Gredis.Pipeline.watch)
_C_PIPELINE_RESET = Gredis.Pipeline.reset


def _pipeline_namespace():
    ns = {k: v for k, v in vars(_PipelineBase).items()
          if not k.startswith('__') or k in ('__len__', '__bool__', '__enter__', '__exit__', '__doc__')}
    for name, member in vars(Commands).items():
        if not name.startswith('__') and name not in ns:
            ns[name] = member
    for name in ('execute', 'watch'):
        ns[name] = _with_c_form(name, ns[name], getattr(Gredis.Pipeline, name))
    return ns


Pipeline = override(type('Pipeline', (Gredis.Pipeline,), dict(_pipeline_namespace(), __module__=__name__)))
_export(Pipeline)


# ---------------------------------------------------------------------------
# Scan enumerators


class _ScanEnumeratorBase:
    """Iterating over an enumerator yields the keys (SCAN) or members
    (SSCAN), or (field, value) (HSCAN) and (member, score) (ZSCAN) pairs;
    `async for` does the same without blocking."""

    def _items(self, batch, scored):
        decode = _decode_of(self.get_client())
        if scored:
            return [(_decode(bytes(m.get_member_bytes().get_data()), decode), m.get_score())
                    for m in batch]
        values = [_decode(bytes(b.get_data() or b''), decode) for b in batch]
        if self.get_kind() == Gredis.ScanKind.HASH:
            return list(zip(values[0::2], values[1::2]))
        return values

    def _scored(self):
        return self.get_kind() == Gredis.ScanKind.SORTED_SET

    def __iter__(self):
        scored = self._scored()
        while True:
            batch = (self.next_scored if scored else self.next)(None)
            if not batch:  # PyGObject gives [] for the NULL at the end
                return
            yield from self._items(batch, scored)

    async def _aiter(self):
        scored = self._scored()
        while True:
            batch = await (self.next_scored_async if scored else self.next_async)()
            if not batch:  # PyGObject gives [] for the NULL at the end
                return
            for item in self._items(batch, scored):
                yield item

    def __aiter__(self):
        return self._aiter()


ScanEnumerator = override(type('ScanEnumerator', (Gredis.ScanEnumerator,), {
    '__module__': __name__,
    '__doc__': _ScanEnumeratorBase.__doc__,
    '_items': _ScanEnumeratorBase._items,
    '_scored': _ScanEnumeratorBase._scored,
    '_aiter': _ScanEnumeratorBase._aiter,
    '__iter__': _ScanEnumeratorBase.__iter__,
    '__aiter__': _ScanEnumeratorBase.__aiter__,
}))
_export(ScanEnumerator)


# ---------------------------------------------------------------------------
# Pub/sub


def _on_pubsub_message(pubsub, channel, pattern, payload):
    decode = _decode_of(pubsub.get_client())
    data = bytes(payload.get_data() or b'')
    pubsub._gredis_queue.append({
        'type': 'message' if pattern is None else 'pmessage',
        'pattern': None if pattern is None else (pattern if decode else pattern.encode()),
        'channel': channel if decode else channel.encode(),
        'data': _decode(data, decode),
    })
    waiters, pubsub._gredis_waiters = pubsub._gredis_waiters, []
    for waiter in waiters:
        if not waiter.done():
            waiter.set_result(None)


class _PubSubBase:
    """client.pubsub() gives a Gredis.PubSub: subscribe with
    subscribe(*channels) and psubscribe(*patterns), then read messages as
    redis-py's dictionaries ({'type', 'pattern', 'channel', 'data'}) with
    get_message(timeout) or `async for message in pubsub.listen()`. The
    messages are those of the 'message' signal, which may be connected to
    as well."""

    def _messages(self):
        queue = getattr(self, '_gredis_queue', None)
        if queue is None:
            queue = self._gredis_queue = collections.deque()
            self._gredis_waiters = []
            self.connect('message', _on_pubsub_message)
        return queue

    def subscribe(self, *channels):
        self._messages()
        return _C_PUBSUB['subscribe'](self, [str(c) for c in channels], None)

    def psubscribe(self, *patterns):
        self._messages()
        return _C_PUBSUB['psubscribe'](self, [str(p) for p in patterns], None)

    def unsubscribe(self, *channels):
        return _C_PUBSUB['unsubscribe'](self, [str(c) for c in channels] or None, None)

    def punsubscribe(self, *patterns):
        return _C_PUBSUB['punsubscribe'](self, [str(p) for p in patterns] or None, None)

    def get_message(self, timeout=0.0):
        """Returns the next message, or None when none came within
        @timeout seconds (None: wait as long as it takes). Runs the
        thread-default GLib main context meanwhile; use listen() from
        asyncio."""
        queue = self._messages()
        context = GLib.MainContext.ref_thread_default()
        deadline = None if timeout is None else time.monotonic() + timeout
        while not queue:
            if deadline is not None and time.monotonic() >= deadline:
                context.iteration(False)
                break
            if deadline is None:
                context.iteration(True)
                continue
            wake = GLib.timeout_source_new(max(1, int((deadline - time.monotonic()) * 1000)))
            wake.set_callback(lambda *args: GLib.SOURCE_REMOVE)
            wake.attach(context)
            context.iteration(True)
            wake.destroy()
        return queue.popleft() if queue else None

    async def listen(self):
        """Yields the messages as they come (an async generator)."""
        queue = self._messages()
        while True:
            while queue:
                yield queue.popleft()
            loop = asyncio.get_running_loop()
            _check_loop(loop)
            waiter = loop.create_future()
            self._gredis_waiters.append(waiter)
            await waiter


_C_PUBSUB = {name: _raising(getattr(Gredis.PubSub, name))
             for name in ('subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe')}


def _pubsub_namespace():
    ns = {k: v for k, v in vars(_PubSubBase).items() if not k.startswith('__') or k == '__doc__'}
    for name in ('subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe'):
        ns[name] = _with_c_form(name, ns[name], _C_PUBSUB[name])
    return ns


PubSub = override(type('PubSub', (Gredis.PubSub,), dict(_pubsub_namespace(), __module__=__name__)))
_export(PubSub)


# ---------------------------------------------------------------------------
# asyncio: a loop that also runs the GLib main context


try:
    import gi.events as _gi_events  # PyGObject >= 3.50
except ImportError:
    _gi_events = None


class _ContextSource(GLib.Source):
    """A GLib source that watches the file descriptors of an asyncio
    selector and its timeout, recording what became ready."""

    def __init__(self):
        super().__init__()
        self.tags = {}
        self.ready = {}
        self.deadline = None
        self.expired = False

    def prepare(self):
        if self.deadline is None:
            return False, -1
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            return True, 0
        return False, max(1, int(remaining * 1000 + 0.999))

    def check(self):
        if self.deadline is not None and time.monotonic() >= self.deadline:
            return True
        return any(self.query_unix_fd(tag) for tag in self.tags.values())

    def dispatch(self, callback, args):
        for fd, tag in self.tags.items():
            condition = self.query_unix_fd(tag)
            if condition:
                self.ready[fd] = condition
        if self.deadline is not None and time.monotonic() >= self.deadline:
            self.expired = True
        return GLib.SOURCE_CONTINUE


class GLibSelector(selectors.BaseSelector):
    """A selector for asyncio that waits by iterating a GLib main context:
    its descriptors are watched by a GLib source, and while it waits the
    context dispatches its own sources too (Gredis' I/O, timeouts and
    async callbacks). Used by Gredis.new_event_loop() where PyGObject has
    no gi.events."""

    def __init__(self, context=None):
        self._context = context or GLib.MainContext.ref_thread_default()
        self._keys = {}
        self._source = _ContextSource()
        self._source.attach(self._context)

    @staticmethod
    def _fd(fileobj):
        return fileobj if isinstance(fileobj, int) else fileobj.fileno()

    @staticmethod
    def _condition(events):
        condition = GLib.IOCondition(0)
        if events & selectors.EVENT_READ:
            condition |= GLib.IOCondition.IN | GLib.IOCondition.HUP | GLib.IOCondition.ERR
        if events & selectors.EVENT_WRITE:
            condition |= GLib.IOCondition.OUT | GLib.IOCondition.ERR
        return condition

    def register(self, fileobj, events, data=None):
        if not events or events & ~(selectors.EVENT_READ | selectors.EVENT_WRITE):
            raise ValueError('Invalid events: %r' % events)
        fd = self._fd(fileobj)
        if fd in self._keys:
            raise KeyError('%r (FD %d) is already registered' % (fileobj, fd))
        key = selectors.SelectorKey(fileobj, fd, events, data)
        self._keys[fd] = key
        self._source.tags[fd] = self._source.add_unix_fd(fd, self._condition(events))
        return key

    def unregister(self, fileobj):
        fd = self._fd(fileobj)
        key = self._keys.pop(fd)
        self._source.remove_unix_fd(self._source.tags.pop(fd))
        self._source.ready.pop(fd, None)
        return key

    def modify(self, fileobj, events, data=None):
        self.unregister(fileobj)
        return self.register(fileobj, events, data)

    def select(self, timeout=None):
        source = self._source
        source.ready.clear()
        if timeout is not None and timeout <= 0:
            source.deadline = None
            self._context.iteration(False)
        else:
            source.deadline = None if timeout is None else time.monotonic() + timeout
            source.expired = False
            self._context.iteration(True)
            source.deadline = None
        events = []
        for fd, condition in source.ready.items():
            key = self._keys.get(fd)
            if key is None:
                continue
            mask = 0
            if condition & (GLib.IOCondition.IN | GLib.IOCondition.HUP | GLib.IOCondition.ERR):
                mask |= selectors.EVENT_READ
            if condition & (GLib.IOCondition.OUT | GLib.IOCondition.ERR):
                mask |= selectors.EVENT_WRITE
            mask &= key.events
            if mask:
                events.append((key, mask))
        source.ready.clear()
        return events

    def get_map(self):
        return dict(self._keys)

    def close(self):
        if self._source is not None:
            self._source.destroy()
            self._source = None
        self._keys.clear()


class GLibEventLoop(asyncio.SelectorEventLoop):
    """An asyncio event loop that runs the GLib main context @context (the
    thread-default one if None) while it waits: a small bridge for
    PyGObject without gi.events (3.42 in Debian 12)."""

    _gredis_glib = True

    def __init__(self, context=None):
        super().__init__(GLibSelector(context))


def new_event_loop():
    """Returns a new asyncio event loop that also runs the thread-default
    GLib main context: PyGObject's (gi.events) where it exists, the
    GLibEventLoop bridge otherwise."""
    if _gi_events is not None:
        return _gi_events.GLibEventLoopPolicy().new_event_loop()
    return GLibEventLoop()


def event_loop_policy():
    """Returns an asyncio event loop policy whose loops run the GLib main
    context: gi.events.GLibEventLoopPolicy where it exists, one making
    GLibEventLoop otherwise. Install it with
    asyncio.set_event_loop_policy()."""
    if _gi_events is not None:
        return _gi_events.GLibEventLoopPolicy()

    class GLibEventLoopPolicy(asyncio.DefaultEventLoopPolicy):
        _loop_factory = GLibEventLoop

    return GLibEventLoopPolicy()


def run(main, *, debug=None):
    """Runs the coroutine @main as asyncio.run() does, on a loop from
    new_event_loop(), and returns its result."""
    with asyncio.Runner(debug=debug, loop_factory=new_event_loop) as runner:
        return runner.run(main)


_export(GLibSelector)
_export(GLibEventLoop)
_export(new_event_loop)
_export(event_loop_policy)
_export(run)


def _check_loop(loop):
    if getattr(loop, '_gredis_glib', False):
        return
    if _gi_events is not None and isinstance(loop, getattr(_gi_events, 'GLibEventLoop', ())):
        return
    raise RuntimeError('Gredis awaitables need an asyncio loop that runs the GLib main context: '
                       'use Gredis.run(), Gredis.new_event_loop() or Gredis.event_loop_policy()')


def _await_call(call, finish, cancellable):
    """Starts @call(callback) and returns a future completed from the GLib
    callback with finish(source, result); cancelling the future cancels
    @cancellable."""
    loop = asyncio.get_running_loop()
    _check_loop(loop)
    future = loop.create_future()

    def done(source, result, *user_data):
        try:
            value = finish(source, result)
        except GLib.Error as e:
            if not future.done():
                future.set_exception(convert_error(e))
        else:
            if not future.done():
                future.set_result(value)

    call(done)
    if cancellable is not None:
        future.add_done_callback(lambda f: cancellable.cancel() if f.cancelled() else None)
    return future


def _visible_args(info):
    """The names of the Python arguments of the introspected callable
    @info: the C ones without array lengths and destroy notifies."""
    args = info.get_arguments()
    hidden = set()
    for i, arg in enumerate(args):
        t = arg.get_type()
        length = t.get_array_length()
        if length >= 0:
            hidden.add(length)
        if arg.get_destroy() >= 0:
            hidden.add(arg.get_destroy())
    return [a.get_name() for i, a in enumerate(args) if i not in hidden]


def _awaitable(name, c_async, c_finish):
    """foo_async(...) as the introspected one with a callback; without
    one, an asyncio future of what foo_finish() returns."""
    names = _visible_args(c_async)
    try:
        callback_index = names.index('callback')
    except ValueError:
        return None
    cancellable_index = names.index('cancellable') if 'cancellable' in names else None
    finish = _raising(c_finish)

    def method(self, *args, **kwargs):
        if len(args) > callback_index or 'callback' in kwargs:
            return c_async(self, *args, **kwargs)
        cancellable = None
        if cancellable_index is not None:
            if len(args) > cancellable_index:
                cancellable = args[cancellable_index]
            else:
                cancellable = kwargs.get('cancellable')
            if cancellable is None:
                cancellable = Gio.Cancellable()
                if len(args) > cancellable_index:
                    args = args[:cancellable_index] + (cancellable,) + args[cancellable_index + 1:]
                else:
                    kwargs['cancellable'] = cancellable

        def call(callback):
            c_async(self, *args, callback=callback, **kwargs)
        return _await_call(call, finish, cancellable)

    method.__name__ = name
    method.__doc__ = (c_async.__doc__ or '') + \
        '\n\nWithout a callback, returns an awaitable of what %s() returns.' % c_finish.__name__
    return method


# ---------------------------------------------------------------------------
# asyncio client


class AsyncClient(Commands):
    """The commands of Gredis.Client as coroutines: `await aclient.get('k')`.
    Made like a Gredis.Client (same arguments) or around one with
    @client. Needs a loop that runs the GLib main context (Gredis.run())."""

    def __init__(self, url=None, *, client=None, **options):
        self.client = client if client is not None else Client(url, **options)

    @property
    def decode_responses(self):
        return self.client.decode_responses

    async def _run(self, parse, args):
        reply = await self.client.command_bytes_async(_args(args))
        return parse(reply, self.client.decode_responses)

    def _command(self, parse, args):
        return self._run(parse, args)

    def pubsub(self):
        """A Gredis.PubSub: `await p.subscribe_async([...])`, then
        `async for message in p.listen()`."""
        return self.client.pubsub()

    def pipeline(self, transaction=True):
        """An AsyncPipeline: queue commands, then `await p.execute()`."""
        return AsyncPipeline(self.client.pipeline(transaction))

    def scan_iter(self, match=None, count=None, _type=None):
        return self.client.enumerate_keys(match, count or 0, _type).__aiter__()

    def hscan_iter(self, name, match=None, count=None):
        return self.client.enumerate_hash(name, match, count or 0).__aiter__()

    def sscan_iter(self, name, match=None, count=None):
        return self.client.enumerate_set(name, match, count or 0).__aiter__()

    def zscan_iter(self, name, match=None, count=None):
        return self.client.enumerate_sorted_set(name, match, count or 0).__aiter__()

    def close(self):
        self.client.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()


class AsyncPipeline(Commands):
    """A Gredis.Pipeline whose execute() is a coroutine."""

    def __init__(self, pipeline):
        self.pipeline = pipeline

    def _command(self, parse, args):
        self.pipeline._command(parse, args)
        return self

    async def execute(self, raise_on_error=True):
        await self.pipeline.execute_async()
        try:
            return self.pipeline.results(raise_on_error)
        finally:
            self.pipeline._gredis_parsers = {}

    async def watch(self, *names):
        return await self.pipeline.watch_async([str(n) for n in names])

    def multi(self):
        self.pipeline.multi()
        return self

    def reset(self):
        self.pipeline.reset()

    def __len__(self):
        return len(self.pipeline)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.reset()


_export(AsyncClient)
_export(AsyncPipeline)


# ---------------------------------------------------------------------------
# Every class of the namespace: GREDIS_ERROR errors as their subclasses,
# and awaitable foo_async().


def _finish_name(name, methods):
    """The finish function of @name (foo_async): foo_finish, or that of a
    shorter prefix (command_bytes_async finishes with command_finish)."""
    words = name[:-len('_async')].split('_')
    while words:
        finish = '_'.join(words) + '_finish'
        if finish in methods:
            return finish
        words.pop()
    return None


def _wrap_namespace():
    from gi._gi import ObjectInfo, Repository, StructInfo
    repository = Repository.get_default()
    overridden = {'Client': Client, 'Pipeline': Pipeline, 'ScanEnumerator': ScanEnumerator,
                  'PubSub': PubSub}
    for info in repository.get_infos('Gredis'):
        if not isinstance(info, (ObjectInfo, StructInfo)):
            continue
        name = info.get_name()
        base = getattr(Gredis, name, None)
        if base is None or not isinstance(base, type):
            continue
        methods = {m.get_name(): m for m in info.get_methods()}
        ns = {}
        for mname, minfo in methods.items():
            c_method = getattr(base, mname, None)
            if c_method is None or not minfo.is_method():
                continue
            finish = _finish_name(mname, methods) if mname.endswith('_async') else None
            if finish is not None:
                wrapped = _awaitable(mname, c_method, getattr(base, finish))
                if wrapped is not None:
                    ns[mname] = wrapped
            elif minfo.can_throw_gerror():
                ns[mname] = _raising(c_method)
        if not ns:
            continue
        cls = overridden.get(name)
        if cls is None and name == 'Reply':
            cls = Reply
        if cls is None:
            cls = override(type(name, (base,), {'__module__': __name__}))
            _export(cls, name)
        for mname, wrapped in ns.items():
            if mname not in vars(cls):
                setattr(cls, mname, wrapped)


_wrap_namespace()


def _queueing_messages(method):
    """Starts queueing the messages of a PubSub for get_message() and
    listen() before it subscribes, so that none is missed."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        self._messages()
        return method(self, *args, **kwargs)
    return wrapper


for _name in ('subscribe_async', 'psubscribe_async', 'ssubscribe_async', 'ssubscribe'):
    setattr(PubSub, _name, _queueing_messages(getattr(PubSub, _name)))
