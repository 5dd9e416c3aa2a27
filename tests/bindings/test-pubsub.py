#!/usr/bin/python3
# test-pubsub.py: Gredis.PubSub from Python (PyGObject), driving a GLib
# main loop, on a redis-server of its own (a Unix socket in a temporary
# directory), in RESP2 and RESP3.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Prints TAP. Also an example of the API from Python.

import sys
import time

import gredis_tap
import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gredis', '1.0')
from gi.repository import GLib, Gredis  # noqa: E402

TESTS = []
SOCKET = None
WAIT_LIMIT_S = 20


def test(func):
    TESTS.append(func)
    return func


def new_client(protocol):
    config = Gredis.Config.new()
    config.set_path(SOCKET)
    config.set_protocol(protocol)
    return Gredis.Client.new(config)


def wait_until(condition, what):
    """Runs the default main context until condition() holds, at most
    WAIT_LIMIT_S seconds."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + WAIT_LIMIT_S
    while not condition():
        assert time.monotonic() < deadline, 'timed out waiting for ' + what
        context.iteration(True)


class Subscriber:
    """A PubSub that records what it receives."""

    def __init__(self, protocol):
        self.client = new_client(protocol)
        self.pubsub = Gredis.PubSub.new(self.client)
        self.messages = []
        self.lost = 0
        self.pubsub.connect('message', self.on_message)
        self.pubsub.connect('messages-lost', self.on_lost)

    def on_message(self, pubsub, channel, pattern, payload):
        self.messages.append((channel, pattern, payload.get_data()))

    def on_lost(self, pubsub):
        self.lost += 1

    def call(self, start, finish, names):
        done = []
        start(names, None, lambda source, result, *args: done.append(result))
        wait_until(lambda: done, 'a subscription')
        assert finish(done[0])

    def close(self):
        self.pubsub.close()
        self.client.close()


def publish(client, verb, channel, payload):
    return client.command([verb, channel, payload], None).get_integer()


@test
def messages_in_order():
    for protocol in (2, 3):
        sub = Subscriber(protocol)
        publisher = new_client(3)
        sub.call(sub.pubsub.subscribe_async, sub.pubsub.subscribe_finish, ['py'])
        sub.call(sub.pubsub.psubscribe_async, sub.pubsub.psubscribe_finish, ['py.*'])
        assert sub.pubsub.get_connected()
        assert sub.pubsub.props.connected
        for i in range(200):
            publisher.command_async(['PUBLISH', 'py', 'm%d' % i], None, None)
        publisher.command_async(['PUBLISH', 'py.x', 'last'], None, None)
        wait_until(lambda: len(sub.messages) >= 201, '201 messages')
        assert sub.messages[:200] == [('py', None, b'm%d' % i) for i in range(200)], protocol
        assert sub.messages[200] == ('py.x', 'py.*', b'last'), sub.messages[200]
        sub.close()
        publisher.close()


@test
def resubscribes_after_kill():
    for protocol in (2, 3):
        sub = Subscriber(protocol)
        publisher = new_client(3)
        sub.call(sub.pubsub.ssubscribe_async, sub.pubsub.ssubscribe_finish, ['shard'])
        assert publisher.command(['CLIENT', 'KILL', 'TYPE', 'pubsub'], None).get_integer() == 1
        wait_until(lambda: sub.lost == 1, 'messages-lost')
        assert publish(publisher, 'SPUBLISH', 'shard', 'back') == 1
        wait_until(lambda: sub.messages, 'a message')
        assert sub.messages == [('shard', None, b'back')], sub.messages
        sub.close()
        publisher.close()


@test
def message_details():
    """message::shard, message::channel and message::pattern tell apart
    messages that plain 'message' handlers see alike."""
    for protocol in (2, 3):
        sub = Subscriber(protocol)
        publisher = new_client(3)
        kinds = []
        for detail in ('channel', 'pattern', 'shard'):
            sub.pubsub.connect('message::' + detail,
                               lambda pubsub, channel, pattern, payload, detail:
                               kinds.append((detail, channel, payload.get_data())),
                               detail)
        sub.call(sub.pubsub.subscribe_async, sub.pubsub.subscribe_finish, ['same'])
        sub.call(sub.pubsub.ssubscribe_async, sub.pubsub.ssubscribe_finish, ['same'])
        sub.call(sub.pubsub.psubscribe_async, sub.pubsub.psubscribe_finish, ['sa*'])
        assert publish(publisher, 'SPUBLISH', 'same', 's') == 1
        assert publish(publisher, 'PUBLISH', 'same', 'p') == 2
        wait_until(lambda: len(sub.messages) >= 3, 'three messages')
        assert sub.messages == [('same', None, b's'), ('same', None, b'p'),
                                ('same', 'sa*', b'p')], sub.messages
        assert kinds == [('shard', 'same', b's'), ('channel', 'same', b'p'),
                         ('pattern', 'same', b'p')], kinds
        sub.close()
        publisher.close()


@test
def blocking_subscribe_and_unsubscribe():
    for protocol in (2, 3):
        sub = Subscriber(protocol)
        publisher = new_client(3)
        assert sub.pubsub.subscribe(['b1', 'b2'], None)
        assert sub.pubsub.get_n_subscriptions() == 2
        assert sub.pubsub.unsubscribe(['b1'], None)
        assert publish(publisher, 'PUBLISH', 'b1', 'no') == 0
        assert publish(publisher, 'PUBLISH', 'b2', 'yes') == 1
        wait_until(lambda: sub.messages, 'a message')
        assert sub.messages == [('b2', None, b'yes')], sub.messages
        sub.close()
        try:
            sub.pubsub.subscribe(['b3'], None)
        except GLib.Error as e:
            assert e.matches(Gredis.error_quark(), Gredis.Error.CLOSED), e
        else:
            raise AssertionError('subscribing after close succeeded')
        publisher.close()


def set_socket(path):
    global SOCKET
    SOCKET = path


def main():
    return gredis_tap.run(TESTS, 'gredis-py-', set_socket)


if __name__ == '__main__':
    sys.exit(main())
