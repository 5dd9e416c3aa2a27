#!/usr/bin/python3
# test-handshake.py: handshake steps added from Python (PyGObject): an
# argument list, the flags, and a check function that accepts a reply or
# refuses it by raising GLib.Error; on a redis-server of its own (a Unix
# socket in a temporary directory).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Prints TAP.

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


def new_connection():
    transport = Gredis.Transport.new_for_name('unix')
    parser = Gredis.Parser.new_for_name(None)
    return Gredis.Connection.new(transport, parser, Gio.UnixSocketAddress.new(SOCKET))


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


def open_connection(connection):
    result = run_async(lambda cb: connection.open_async(None, cb))
    return connection.open_finish(result)


def command(connection, *argv):
    argv = list(argv)
    result = run_async(lambda cb: connection.send_command_async(argv, None, None, cb))
    return connection.send_command_finish(result)


@test
def step_from_a_list():
    connection = new_connection()
    connection.add_handshake_step(['CLIENT', 'SETNAME', 'from-python'], Gredis.HandshakeFlags.NONE)
    connection.add_handshake_step(['NO-SUCH-COMMAND'], Gredis.HandshakeFlags.IGNORE_ERRORS)
    assert open_connection(connection)
    info = command(connection, 'CLIENT', 'INFO').get_text()
    assert ' name=from-python ' in info, info


@test
def refused_step_fails_the_open():
    connection = new_connection()
    connection.add_handshake_step(['NO-SUCH-COMMAND'], Gredis.HandshakeFlags.NONE)
    try:
        open_connection(connection)
    except GLib.Error as e:
        assert e.matches(Gredis.error_quark(), Gredis.Error.SERVER), e
        assert 'NO-SUCH-COMMAND' in e.message, e.message
    else:
        raise AssertionError('the open did not fail')
    assert connection.get_state() == Gredis.ConnectionState.CLOSED


@test
def check_function():
    seen = []

    def accept_error(connection, reply):
        seen.append(reply.get_kind())
        return True

    connection = new_connection()
    connection.add_handshake_step_full(['NO-SUCH-COMMAND'], Gredis.HandshakeFlags.NONE, accept_error)
    assert open_connection(connection)
    assert seen == [Gredis.ReplyKind.ERROR], seen

    def refuse(connection, reply):
        raise GLib.Error.new_literal(Gio.io_error_quark(), 'refused from Python',
                                     Gio.IOErrorEnum.NOT_SUPPORTED)

    connection = new_connection()
    connection.add_handshake_step_full(['ECHO', 'x'], Gredis.HandshakeFlags.NONE, refuse)
    try:
        open_connection(connection)
    except GLib.Error as e:
        assert e.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_SUPPORTED), e
        assert e.message == 'refused from Python', e.message
    else:
        raise AssertionError('the open did not fail')


def set_socket(path):
    global SOCKET
    SOCKET = path


def main():
    return gredis_tap.run(TESTS, 'gredis-py-', set_socket)


if __name__ == '__main__':
    sys.exit(main())
