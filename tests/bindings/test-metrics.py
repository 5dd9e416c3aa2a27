#!/usr/bin/python3
# test-metrics.py: the `metrics` observer from Python (PyGObject): the
# snapshot of Gredis.Client.get_metrics() after a known workload against
# a redis-server of its own (successes, a server error, a retry, a
# pipeline, a pipeline sent again, a pub/sub message, the client-side
# cache), reset, and no snapshot without it; and the `otlp` observer's
# otlp-sample-ratio, a double property.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Prints TAP.

import sys
import time

import gredis_tap
import gi

gi.require_version('GLib', '2.0')
gi.require_version('GObject', '2.0')
gi.require_version('Gredis', '1.0')
from gi.repository import GLib, GObject, Gredis  # noqa: E402

TESTS = []
SOCKET = None
WAIT_LIMIT_S = 20
BOUNDS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0]


def test(func):
    TESTS.append(func)
    return func


def new_client(observe='metrics', protocol=3):
    config = Gredis.Config.new()
    config.set_path(SOCKET)
    config.set_protocol(protocol)
    if observe is not None:
        config.set_observe(observe)
    return Gredis.Client.new(config)


def wait_until(condition, what):
    context = GLib.MainContext.default()
    deadline = time.monotonic() + WAIT_LIMIT_S
    while not condition():
        assert time.monotonic() < deadline, 'timed out waiting for ' + what
        context.iteration(True)


def run_async(start):
    got = []
    start(lambda source, result, *args: got.append(result))
    wait_until(lambda: got, 'a result')
    return got[0]


def command_async(client, *argv):
    """Sends @argv on the client's shared connection; returns the reply,
    or the GLib.Error it failed with."""
    result = run_async(lambda cb: client.command_async(list(argv), None, cb))
    try:
        return client.command_finish(result)
    except GLib.Error as error:
        return error


def operations(snapshot, name, **attributes):
    """The series of db.client.operation.duration for @name whose
    attributes include @attributes (None: absent)."""
    found = []
    for series in snapshot['db.client.operation.duration']:
        attrs = series['attributes']
        if attrs['db.operation.name'] != name:
            continue
        if all(attrs.get(k.replace('_', '.')) == v for k, v in attributes.items()):
            found.append(series)
    return found


def count(snapshot, name, **attributes):
    return sum(s['count'] for s in operations(snapshot, name, **attributes))


def check_histogram(histogram):
    assert histogram['explicit_bounds'] == BOUNDS, histogram['explicit_bounds']
    assert len(histogram['bucket_counts']) == len(BOUNDS) + 1
    assert sum(histogram['bucket_counts']) == histogram['count'], histogram
    assert histogram['sum'] >= 0.0


@test
def no_snapshot_without_the_observer():
    client = new_client(observe=None)
    assert client.command(['PING'], None).get_text() == 'PONG'
    assert client.get_metrics() is None
    client.reset_metrics()
    client.close()


@test
def unknown_observer_is_a_config_error():
    config = Gredis.Config.new()
    try:
        config.set_option('observe', 'metrics,no-such-observer')
    except GLib.Error as error:
        assert error.matches(Gredis.error_quark(), Gredis.Error.CONFIG), error
        assert 'no-such-observer' in error.message
    else:
        raise AssertionError('an unknown observer was accepted')
    config.set_option('observe', 'metrics')
    assert config.get_observe() == 'metrics'
    uri = Gredis.Config.new()
    uri.set_uri('unix://' + SOCKET + '?observe=metrics')
    assert uri.get_observe() == 'metrics'


@test
def otlp_sample_ratio_is_a_double():
    config = Gredis.Config.new()
    pspec = config.find_property('otlp-sample-ratio')
    assert pspec.value_type == GObject.TYPE_DOUBLE, pspec.value_type
    assert (pspec.minimum, pspec.maximum, pspec.default_value) == (0.0, 1.0, 1.0)
    assert config.props.otlp_sample_ratio == 1.0
    config.props.otlp_sample_ratio = 0.5
    assert config.props.otlp_sample_ratio == 0.5
    assert isinstance(config.props.otlp_sample_ratio, float)
    assert config.get_otlp_sample_ratio() == 0.5
    config.set_otlp_sample_ratio(0.125)
    assert config.props.otlp_sample_ratio == 0.125
    assert 'otlp-sample-ratio=0.125\n' in config.to_string()
    config.set_option('otlp-sample-ratio', '0.75')
    assert config.props.otlp_sample_ratio == 0.75
    for bad in ('abc', '1.5', '-0.1', 'nan', '0.5x'):
        try:
            config.set_option('otlp-sample-ratio', bad)
        except GLib.Error as error:
            assert error.matches(Gredis.error_quark(), Gredis.Error.CONFIG), error
            assert 'otlp-sample-ratio' in error.message and bad in error.message, error.message
        else:
            raise AssertionError('otlp-sample-ratio=%s was accepted' % bad)
        assert config.props.otlp_sample_ratio == 0.75
    uri = Gredis.Config.new_for_uri('unix://' + SOCKET + '?otlp-sample-ratio=0.25')
    assert uri.props.otlp_sample_ratio == 0.25
    client = Gredis.Client.new(uri)
    assert client.props.otlp_sample_ratio == 0.25
    client.props.otlp_sample_ratio = 0.0
    assert uri.props.otlp_sample_ratio == 0.0


@test
def blocking_successes_and_errors():
    client = new_client()
    for i in range(5):
        client.command(['SET', 'k%d' % i, 'v'], None)
    for i in range(3):
        assert client.command(['GET', 'k%d' % i], None).get_text() == 'v'
    try:
        client.command(['LPUSH', 'k0', 'x'], None)
    except GLib.Error as error:
        assert error.matches(Gredis.error_quark(), Gredis.Error.WRONGTYPE), error
    else:
        raise AssertionError('LPUSH on a string succeeded')

    snapshot = client.get_metrics().unpack()
    assert snapshot['db.system.name'] == 'redis'
    assert count(snapshot, 'SET', error_type=None) == 5, snapshot
    assert count(snapshot, 'GET', error_type=None) == 3, snapshot
    assert count(snapshot, 'LPUSH', error_type='WRONGTYPE') == 1, snapshot
    assert count(snapshot, 'LPUSH', error_type=None) == 0
    for series in snapshot['db.client.operation.duration']:
        check_histogram(series)
        attrs = series['attributes']
        assert attrs['db.system.name'] == 'redis'
        assert attrs['db.namespace'] == '0'
        assert attrs['server.address'] == SOCKET, attrs
        assert 'server.port' not in attrs
        assert series['bytes_out'] > 0
    (set_series,) = operations(snapshot, 'SET')
    # *3\r\n$3\r\nSET\r\n$2\r\nk0\r\n$1\r\nv\r\n: 28 bytes each.
    assert set_series['bytes_out'] == 5 * 28, set_series
    # $1\r\nv\r\n: 7 bytes each, read after the handshake's replies.
    (get_series,) = operations(snapshot, 'GET')
    assert get_series['bytes_in'] == 3 * 7, get_series
    assert snapshot['db.client.connection.count'] >= 1
    assert snapshot['gredis.client.connection.created'] >= 1
    check_histogram(snapshot['db.client.connection.create_time'])
    assert snapshot['db.client.connection.create_time']['count'] >= 1

    client.reset_metrics()
    snapshot = client.get_metrics().unpack()
    assert snapshot['db.client.operation.duration'] == [], snapshot
    assert snapshot['gredis.client.connection.created'] == 0
    assert snapshot['db.client.connection.count'] >= 1
    client.command(['GET', 'k0'], None)
    snapshot = client.get_metrics().unpack()
    assert count(snapshot, 'GET') == 1, snapshot
    client.close()


@test
def async_commands_and_a_retry():
    client = new_client()
    killer = new_client(observe=None)
    assert command_async(client, 'SET', 'r', '1').get_text() == 'OK'
    client_id = command_async(client, 'CLIENT', 'ID').get_integer()
    # The shared connection is killed while nobody runs its context: the
    # GET written on it fails, and, read-only, is sent again.
    assert killer.command(['CLIENT', 'KILL', 'ID', str(client_id)], None).get_integer() == 1
    reply = command_async(client, 'GET', 'r')
    assert not isinstance(reply, GLib.Error), reply
    assert reply.get_text() == '1'

    snapshot = client.get_metrics().unpack()
    assert snapshot['gredis.client.retries'] == 1, snapshot
    assert count(snapshot, 'SET', error_type=None) == 1
    assert count(snapshot, 'CLIENT', error_type=None) == 1
    assert count(snapshot, 'GET', error_type=None) == 1, snapshot
    failed = [s for s in operations(snapshot, 'GET') if 'error.type' in s['attributes']]
    assert len(failed) == 1 and failed[0]['count'] == 1, snapshot
    assert failed[0]['attributes']['error.type'] == 'connection', failed
    assert snapshot['gredis.client.connection.closed'] >= 1
    assert snapshot['gredis.client.connection.created'] >= 2
    killer.close()
    client.close()


@test
def pipeline_batch_size():
    client = new_client()
    pipeline = Gredis.Pipeline.new(client, False)
    pipeline.add_command(['SET', 'p', '1'])
    pipeline.add_command(['INCR', 'p'])
    pipeline.add_command(['GET', 'p'])
    result = run_async(lambda cb: pipeline.execute_async(None, cb))
    assert pipeline.execute_finish(result)

    snapshot = client.get_metrics().unpack()
    for name in ('SET', 'INCR', 'GET'):
        assert count(snapshot, name, db_operation_batch_size=3) == 1, (name, snapshot)
    client.close()


class RetryRecorder(GObject.Object, Gredis.Observer):
    """Records retries and the attempts of finished commands."""
    __gtype_name__ = 'TestPyRetryRecorder'
    retries = []
    finished = []

    def do_retry_decided(self, name, attempt, delay, error):
        RetryRecorder.retries.append((name, attempt))

    def do_command_finished(self, event):
        RetryRecorder.finished.append((event.name, event.attempt, event.error_type,
                                       event.batch_size))


@test
def pipeline_sent_again():
    # The pipeline's shared connection is killed while nobody runs its
    # context: its GETs (read-only) are sent again as a second round.
    Gredis.plugins_register_type(Gredis.PluginKind.OBSERVER, 'py-retry-recorder',
                                 RetryRecorder.__gtype__, 0)
    client = new_client(observe='py-retry-recorder,metrics')
    killer = new_client(observe=None)
    assert command_async(client, 'SET', 'pa', '1').get_text() == 'OK'
    client_id = command_async(client, 'CLIENT', 'ID').get_integer()
    assert killer.command(['CLIENT', 'KILL', 'ID', str(client_id)], None).get_integer() == 1
    del RetryRecorder.retries[:]
    del RetryRecorder.finished[:]
    pipeline = Gredis.Pipeline.new(client, False)
    pipeline.add_command(['GET', 'pa'])
    pipeline.add_command(['GET', 'pa'])
    result = run_async(lambda cb: pipeline.execute_async(None, cb))
    assert pipeline.execute_finish(result)
    assert pipeline.get_reply(0).get_text() == '1'

    assert RetryRecorder.retries == [('BATCH GET', 2)], RetryRecorder.retries
    assert sorted(RetryRecorder.finished) == [('GET', 1, 'connection', 2)] * 2 + \
        [('GET', 2, None, 2)] * 2, RetryRecorder.finished
    snapshot = client.get_metrics().unpack()
    assert snapshot['gredis.client.retries'] == 1, snapshot
    assert count(snapshot, 'GET', error_type=None, db_operation_batch_size=2) == 2, snapshot
    killer.close()
    client.close()


@test
def pubsub_message():
    subscriber = new_client()
    publisher = new_client(observe=None)
    pubsub = Gredis.PubSub.new(subscriber)
    messages = []
    pubsub.connect('message', lambda ps, channel, pattern, payload: messages.append(channel))
    done = []
    pubsub.subscribe_async(['news'], None, lambda s, r, *a: done.append(r))
    wait_until(lambda: done, 'the subscription')
    assert pubsub.subscribe_finish(done[0])
    assert publisher.command(['PUBLISH', 'news', 'hello'], None).get_integer() == 1
    wait_until(lambda: messages, 'the message')

    snapshot = subscriber.get_metrics().unpack()
    assert snapshot['gredis.client.pubsub.messages'] == 1, snapshot
    pubsub.close()
    publisher.close()
    subscriber.close()


@test
def wait_time_of_blocking_acquisitions():
    # Only blocking commands: each takes a connection of its own from the
    # pool, and the wait for it is measured.
    client = new_client()
    for i in range(3):
        client.command(['PING'], None)
    snapshot = client.get_metrics().unpack()
    wait_time = snapshot['db.client.connection.wait_time']
    check_histogram(wait_time)
    assert wait_time['count'] >= 3, wait_time
    assert snapshot['db.client.connection.timeouts'] == 0, snapshot
    client.close()


@test
def cache_hits_misses_and_invalidations():
    config = Gredis.Config.new()
    config.set_path(SOCKET)
    config.set_protocol(3)
    config.set_observe('metrics')
    config.set_option('cache', 'on')
    client = Gredis.Client.new(config)
    writer = new_client(observe=None)
    writer.command(['SET', 'cached', 'a'], None)

    assert client.command(['GET', 'cached'], None).get_text() == 'a'
    assert client.command(['GET', 'cached'], None).get_text() == 'a'
    snapshot = client.get_metrics().unpack()
    assert snapshot['gredis.client.cache.hits'] == 1, snapshot
    assert snapshot['gredis.client.cache.misses'] >= 1, snapshot
    assert snapshot['gredis.client.cache.invalidations'] == 0, snapshot

    # The server pushes the invalidation to the cache's own thread.
    writer.command(['SET', 'cached', 'b'], None)
    deadline = time.monotonic() + WAIT_LIMIT_S
    while client.get_metrics().unpack()['gredis.client.cache.invalidations'] == 0:
        assert time.monotonic() < deadline, 'timed out waiting for the invalidation'
        time.sleep(0.01)
    snapshot = client.get_metrics().unpack()
    assert snapshot['gredis.client.cache.invalidations'] == 1, snapshot
    assert snapshot['gredis.client.cache.hits'] == 1, snapshot
    misses = snapshot['gredis.client.cache.misses']
    assert client.command(['GET', 'cached'], None).get_text() == 'b'
    snapshot = client.get_metrics().unpack()
    assert snapshot['gredis.client.cache.misses'] == misses + 1, snapshot
    writer.close()
    client.close()


class Recorder(GObject.Object, Gredis.Observer):
    """An observer written in Python, chosen by name like a plugin."""
    __gtype_name__ = 'TestPyRecorder'
    events = []

    def do_command_finished(self, event):
        Recorder.events.append((event.name, event.error_type, event.attempt, event.n_keys))


@test
def observer_in_python():
    Gredis.plugins_register_type(Gredis.PluginKind.OBSERVER, 'py-recorder', Recorder.__gtype__, 0)
    client = new_client(observe='py-recorder,metrics')
    client.command(['SET', 'py', '1'], None)
    client.command(['MGET', 'py', 'other'], None)
    try:
        client.command(['LPUSH', 'py', 'x'], None)
    except GLib.Error:
        pass
    assert Recorder.events == [('SET', None, 1, 1), ('MGET', None, 1, 2),
                               ('LPUSH', 'WRONGTYPE', 1, 1)], Recorder.events
    assert count(client.get_metrics().unpack(), 'MGET') == 1
    client.close()


def set_socket(path):
    global SOCKET
    SOCKET = path


def main():
    return gredis_tap.run(TESTS, 'gredis-metrics-py-', set_socket)


if __name__ == '__main__':
    sys.exit(main())
