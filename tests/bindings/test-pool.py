#!/usr/bin/python3
# test-pool.py: a Gredis.Pool written in Python (PyGObject), registered
# under a name and chosen by the client's configuration, on a
# redis-server of its own (a Unix socket in a temporary directory); and
# Gredis.PoolRequest as bindings see it.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Prints TAP. Also an example of a pool written outside the library.

import sys
import time

import gredis_tap
import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Gredis', '1.0')
from gi.repository import GLib, GObject, Gio, Gredis  # noqa: E402

TESTS = []
SOCKET = None
WAIT_LIMIT_S = 20


def test(func):
    TESTS.append(func)
    return func


def wait_until(condition, what):
    context = GLib.MainContext.default()
    deadline = time.monotonic() + WAIT_LIMIT_S
    while not condition():
        assert time.monotonic() < deadline, 'timed out waiting for ' + what
        context.iteration(True)


class PyPool(GObject.Object, Gredis.Pool):
    """Makes a connection for every acquisition, from the configuration
    the client gives it, and records the requests."""

    def __init__(self):
        super().__init__()
        self.config = None
        self.requests = []
        self.released = 0

    def do_configure(self, config):
        self.config = config

    def make(self, request):
        self.requests.append((request.mode, request.slot))
        return Gredis.Connection.new_for_config(self.config, None)

    def do_try_acquire(self, request):
        return self.make(request)

    def do_acquire_async(self, request, cancellable, callback, user_data):
        # PyGObject hands the callback with its data bound.
        task = Gio.Task.new(self, cancellable, lambda source, result, *args: callback(source, result))
        task.return_value(self.make(request))

    def do_acquire_finish(self, result):
        return result.propagate_value()[1]

    def do_release(self, connection):
        self.released += 1
        connection.close()

    def do_close(self):
        pass


POOLS = []


class RecordedPool(PyPool):
    def __init__(self):
        super().__init__()
        POOLS.append(self)


@test
def request_fields():
    request = Gredis.PoolRequest.new(Gredis.PoolMode.EXCLUSIVE)
    assert request.mode == Gredis.PoolMode.EXCLUSIVE
    assert request.slot == Gredis.POOL_NO_SLOT
    assert request.intent == Gredis.PoolIntent.WRITE
    assert request.node is None and not request.asking
    request.slot = 1234
    request.intent = Gredis.PoolIntent.READ
    request.asking = True
    request.set_node(Gio.NetworkAddress.new('127.0.0.1', 7000))
    copy = request.copy()
    assert (copy.slot, copy.intent, copy.asking) == (1234, Gredis.PoolIntent.READ, True)
    assert (copy.node.get_hostname(), copy.node.get_port()) == ('127.0.0.1', 7000)


@test
def python_pool_serves_the_client():
    Gredis.plugins_register_type(Gredis.PluginKind.POOL, 'py-test', RecordedPool.__gtype__, -100)
    config = Gredis.Config.new()
    config.set_path(SOCKET)
    config.set_pool('py-test')
    client = Gredis.Client.new(config)

    # Blocking: the interface's fallback runs acquire_async.
    assert client.command(['SET', 'py-pool', 'v'], None).get_text() == 'OK'
    assert len(POOLS) == 1
    pool = POOLS[0]
    assert pool.requests == [(Gredis.PoolMode.EXCLUSIVE, Gredis.POOL_NO_SLOT)], pool.requests

    # Asynchronous: the shared connection, from try_acquire.
    done = []
    client.command_async(['GET', 'py-pool'], None,
                         lambda source, result, *args: done.append(source.command_finish(result)))
    wait_until(lambda: done, 'a reply')
    assert done[0].get_text() == 'v'
    assert pool.requests[1] == (Gredis.PoolMode.SHARED, Gredis.POOL_NO_SLOT), pool.requests

    # A transaction: an exclusive connection.
    pipeline = Gredis.Pipeline.new(client, True)
    pipeline.add_set('py-pool', 'w')
    assert pipeline.execute(None)
    assert pool.requests[2] == (Gredis.PoolMode.EXCLUSIVE, Gredis.POOL_NO_SLOT), pool.requests
    assert client.command(['GET', 'py-pool'], None).get_text() == 'w'
    client.close()
    assert pool.released == len(pool.requests), (pool.released, pool.requests)


class AsyncOnlyPool(GObject.Object, Gredis.Pool):
    """Hands out connections only asynchronously: no try_acquire."""

    def __init__(self):
        super().__init__()
        self.config = None
        self.acquired = 0
        POOLS.append(self)

    def do_configure(self, config):
        self.config = config

    def do_acquire_async(self, request, cancellable, callback, user_data):
        task = Gio.Task.new(self, cancellable, lambda source, result, *args: callback(source, result))
        self.acquired += 1
        task.return_value(Gredis.Connection.new_for_config(self.config, None))

    def do_acquire_finish(self, result):
        return result.propagate_value()[1]

    def do_release(self, connection):
        connection.close()

    def do_close(self):
        pass


@test
def pool_without_try_acquire():
    """Commands of a main context wait, in order, for acquire_async;
    get_connection(), which never waits, fails."""
    del POOLS[:]
    Gredis.plugins_register_type(Gredis.PluginKind.POOL, 'py-async-only', AsyncOnlyPool.__gtype__,
                                 -100)
    config = Gredis.Config.new()
    config.set_path(SOCKET)
    config.set_pool('py-async-only')
    client = Gredis.Client.new(config)
    try:
        client.get_connection()
        assert False, 'get_connection() did not fail'
    except GLib.Error as error:
        assert error.matches(Gredis.error_quark(), Gredis.Error.POOL_EXHAUSTED), error.message
    replies = []
    for i in range(3):
        client.command_async(['INCR', 'py-async-only'], None,
                             lambda source, result, *args:
                             replies.append(source.command_finish(result).get_integer()))
    wait_until(lambda: len(replies) == 3, 'three replies')
    assert replies == [1, 2, 3], replies
    assert POOLS[0].acquired == 1, POOLS[0].acquired
    # The shared connection is there now.
    assert client.get_connection() is not None
    client.close()


def set_socket(path):
    global SOCKET
    SOCKET = path


def main():
    return gredis_tap.run(TESTS, 'gredis-py-', set_socket)


if __name__ == '__main__':
    sys.exit(main())
