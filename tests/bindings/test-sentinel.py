#!/usr/bin/python3
# test-sentinel.py: a client of a master watched by Redis Sentinel, from
# Python (PyGObject), through a redis+sentinel:// URI: commands on the
# master, a failover followed, an unknown master name and no sentinel as
# their own errors. Its own small setup: a master, a replica and one
# sentinel (quorum 1) on free ports of 127.0.0.1.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Prints TAP.

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gredis', '1.0')
from gi.repository import GLib, Gredis  # noqa: E402

TESTS = []
WAIT_LIMIT_S = 60
SETUP = {}


def test(func):
    TESTS.append(func)
    return func


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def cli(port, *argv):
    return subprocess.run(['redis-cli', '-p', str(port)] + list(argv), check=True,
                          capture_output=True, text=True).stdout


def wait_until(condition, what):
    deadline = time.monotonic() + WAIT_LIMIT_S
    while not condition():
        assert time.monotonic() < deadline, 'timed out waiting for ' + what
        time.sleep(0.05)


def role(port):
    try:
        return cli(port, 'ROLE').split('\n')[0]
    except subprocess.CalledProcessError:
        return ''


def sentinel_master_port():
    reply = cli(SETUP['sentinel'], 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster').split('\n')
    return int(reply[1]) if len(reply) > 1 and reply[1] else 0


def replica_ready():
    replicas = cli(SETUP['sentinel'], 'SENTINEL', 'REPLICAS', 'mymaster').split('\n')
    return 'master-link-status' in replicas and \
        replicas[replicas.index('master-link-status') + 1] == 'ok'


def new_client(query=''):
    uri = 'redis+sentinel://127.0.0.1:%d/mymaster%s' % (SETUP['sentinel'], query)
    return Gredis.Client.new_for_uri(uri)


def node_port(client):
    """The port of the node that ran a command of @client."""
    text = client.command(['INFO', 'server'], None).get_text()
    for line in text.splitlines():
        if line.startswith('tcp_port:'):
            return int(line.split(':')[1])
    return 0


@test
def commands_on_the_master():
    client = new_client()
    assert client.command(['SET', 'py:sentinel', 'v'], None).get_text() == 'OK'
    assert client.command(['GET', 'py:sentinel'], None).get_text() == 'v'
    assert node_port(client) == SETUP['nodes'][0]


def get_calls(port):
    """The GET calls @port served so far."""
    for line in cli(port, 'INFO', 'commandstats').splitlines():
        if line.startswith('cmdstat_get:calls='):
            return int(line.split('=')[1].split(',')[0])
    return 0


@test
def reads_from_the_replica():
    client = new_client('?read-from=prefer-replica')
    master, replica = SETUP['nodes']
    wait_until(replica_ready, 'the replica')
    assert client.command(['SET', 'py:reads', 'r'], None).get_text() == 'OK'

    def reads_on_replica():
        before = (get_calls(master), get_calls(replica))
        for _ in range(10):
            client.command(['GET', 'py:reads'], None)
        return get_calls(master) == before[0] and get_calls(replica) == before[1] + 10
    # The pool reads the replicas from the sentinel on its first use.
    wait_until(reads_on_replica, 'reads on the replica')
    # Writes still on the master (a replica would refuse them).
    assert client.command(['INCR', 'py:reads:count'], None).get_integer() >= 1


@test
def failover_followed():
    client = new_client('?retries=40&backoff-cap-ms=250&pool-timeout-ms=20000')
    assert node_port(client) == SETUP['nodes'][0]
    cli(SETUP['sentinel'], 'SENTINEL', 'FAILOVER', 'mymaster')
    wait_until(lambda: role(SETUP['nodes'][1]) == 'master' and
               sentinel_master_port() == SETUP['nodes'][1], 'the failover')
    # The old master is made a replica; the client writes on the new one.
    assert client.command(['INCR', 'py:after'], None).get_integer() >= 1
    assert node_port(client) == SETUP['nodes'][1]


@test
def unknown_master():
    uri = 'redis+sentinel://127.0.0.1:%d/no-such-master' % SETUP['sentinel']
    client = Gredis.Client.new_for_uri(uri)
    try:
        client.command(['PING'], None)
    except GLib.Error as err:
        assert err.matches(Gredis.error_quark(), Gredis.Error.UNKNOWN_MASTER), err
    else:
        assert False, 'no error'


@test
def no_sentinel():
    client = Gredis.Client.new_for_uri('redis+sentinel://127.0.0.1:%d/mymaster' % free_port())
    try:
        client.command(['PING'], None)
    except GLib.Error as err:
        assert err.matches(Gredis.error_quark(), Gredis.Error.NO_SENTINEL), err
    else:
        assert False, 'no error'


def start(directory):
    processes = []
    nodes = [free_port(), free_port()]
    common = ['--save', '', '--appendonly', 'no', '--bind', '127.0.0.1']
    for i, port in enumerate(nodes):
        node_dir = os.path.join(directory, 'node%d' % i)
        os.mkdir(node_dir)
        args = ['redis-server', '--port', str(port), '--dir', node_dir] + common
        if i == 1:
            args += ['--replicaof', '127.0.0.1', str(nodes[0])]
        processes.append(subprocess.Popen(args, stdout=subprocess.DEVNULL))
    for port in nodes:
        wait_until(lambda: role(port) != '', 'node %d' % port)
    sentinel = free_port()
    conf = os.path.join(directory, 'sentinel.conf')
    with open(conf, 'w') as f:
        f.write('port %d\nbind 127.0.0.1\ndir %s\n'
                'sentinel resolve-hostnames no\n'
                'sentinel monitor mymaster 127.0.0.1 %d 1\n'
                'sentinel down-after-milliseconds mymaster 500\n'
                'sentinel failover-timeout mymaster 5000\n' % (sentinel, directory, nodes[0]))
    processes.append(subprocess.Popen(['redis-server', conf, '--sentinel'],
                                      stdout=subprocess.DEVNULL))
    wait_until(lambda: role(sentinel) != '', 'the sentinel')
    # Periods of a second rather than ten (see gredis-test-sentinel.c).
    cli(sentinel, 'SENTINEL', 'DEBUG', 'info-period', '1000', 'publish-period', '500')
    SETUP['nodes'] = nodes
    SETUP['sentinel'] = sentinel
    wait_until(replica_ready, 'the sentinel to see the replica')
    return processes


def main():
    directory = tempfile.mkdtemp(prefix='gredis-py-sentinel-')
    print('1..%d' % len(TESTS))
    failed = 0
    processes = []
    try:
        processes = start(directory)
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
        for process in processes:
            process.kill()
            process.wait(10)
        shutil.rmtree(directory, ignore_errors=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
