#!/usr/bin/env python3
# gredis-benchmark beside redis-benchmark on one throwaway redis-server.
#
# For each placement (client and server pinned to one CPU with taskset,
# then unpinned) and each shape (-c 50 -P 16, -c 1 -P 1), the two tools
# run in turns for --rounds rounds on the same server, the order swapped
# every round, the database flushed before every run. Per test it prints
# the median requests per second of each tool, the spread of each
# (max / min over the rounds), the ratio of the medians, and the lowest
# and highest ratio of one round (the two runs of a round are next to
# each other in time, so a busy moment of the machine hits both).
# Beside the rates it prints the CPU time per request of the client
# (its user and system time) and of the server (from /proc) with each
# tool: unlike the rates, CPU time hardly depends on what else runs on
# the machine, and with client and server pinned to one CPU the rate is
# about the inverse of their sum. Measures only; Linux only (/proc).
#
#   bench/compare-benchmark.py BUILDDIR [-n REQUESTS] [-r ROUNDS] ...
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import csv
import io
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

SHAPES = {'c50P16': ['-c', '50', '-P', '16'], 'c1P1': ['-c', '1', '-P', '1']}
# Which option gives each shape its number of requests: pipelined runs
# are ten times as fast and need ten times the requests to last as long.
SHAPE_REQUESTS = {'c50P16': 'pipelined_requests', 'c1P1': 'requests'}
PIN = ['taskset', '-c', '0']


def start_server(directory, pinned):
    sock = os.path.join(directory, 'redis.sock')
    command = ['redis-server', '--port', '0', '--unixsocket', sock, '--save', '',
               '--appendonly', 'no', '--dir', directory]
    server = subprocess.Popen((PIN if pinned else []) + command,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(500):
        if os.path.exists(sock):
            return server, sock
        if server.poll() is not None:
            break
        time.sleep(0.01)
    server.kill()
    server.wait()
    sys.exit('compare-benchmark: redis-server did not start')


def flushall(sock):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(sock)
        s.sendall(b'*1\r\n$8\r\nFLUSHALL\r\n')
        if not s.recv(64).startswith(b'+OK'):
            sys.exit('compare-benchmark: FLUSHALL failed')


def cpu_seconds(pid):
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    # utime and stime, fields 14 and 15 of the line, in clock ticks.
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def run_tool(command, sock, server, requests):
    """Runs one tool; returns {test: rps} and the client's and the
    server's CPU seconds per request (over all its tests)."""
    flushall(sock)
    server_before = cpu_seconds(server.pid)
    tool = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    out = tool.stdout.read()
    tool.stdout.close()
    _, status, usage = os.wait4(tool.pid, 0)
    tool.returncode = os.waitstatus_to_exitcode(status)
    if tool.returncode != 0:
        sys.exit(f'compare-benchmark: {" ".join(command)} failed')
    server_cpu = cpu_seconds(server.pid) - server_before
    rows = csv.reader(io.StringIO(out))
    next(rows, None)
    rates = {row[0]: float(row[1]) for row in rows if len(row) > 1}
    n = requests * len(rates)
    return rates, (usage.ru_utime + usage.ru_stime) / n, server_cpu / n


def spread(values):
    return max(values) / min(values) if min(values) > 0 else float('inf')


def main():
    parser = argparse.ArgumentParser(
        description='gredis-benchmark beside redis-benchmark, in turns, on one redis-server')
    parser.add_argument('build', help='the meson build directory')
    parser.add_argument('-n', '--requests', type=int, default=100000,
                        help='requests per test with -c 1 -P 1 (default 100000)')
    parser.add_argument('-N', '--pipelined-requests', type=int, default=1000000,
                        help='requests per test with -c 50 -P 16 (default 1000000)')
    parser.add_argument('-r', '--rounds', type=int, default=5)
    parser.add_argument('-t', '--tests', default='set,get,incr,lpush,mset')
    parser.add_argument('--shapes', default=','.join(SHAPES),
                        help='comma-separated, of ' + ', '.join(SHAPES))
    parser.add_argument('--placements', default='pinned,unpinned')
    parser.add_argument('--csv', action='store_true', help='one CSV line per test')
    args = parser.parse_args()

    gredis = os.path.join(args.build, 'tools', 'gredis-benchmark')
    if not os.access(gredis, os.X_OK):
        sys.exit(f'compare-benchmark: no {gredis}; build first')
    os.environ.setdefault('GREDIS_PLUGIN_PATH', os.path.join(args.build, 'plugins'))

    if args.csv:
        print('placement,shape,test,redis_median,redis_spread,gredis_median,gredis_spread,'
              'ratio,ratio_min,ratio_max')
    directory = tempfile.mkdtemp(prefix='gredis-compare-')
    try:
        for placement in args.placements.split(','):
            pinned = placement == 'pinned'
            server, sock = start_server(directory, pinned)
            try:
                for shape in args.shapes.split(','):
                    n = getattr(args, SHAPE_REQUESTS[shape])
                    common = ['-s', sock, '-n', str(n)] + SHAPES[shape] + \
                        ['-t', args.tests, '--csv']
                    tools = {'redis': ['redis-benchmark'] + common, 'gredis': [gredis] + common}
                    results = {'redis': [], 'gredis': []}
                    cpu = {'redis': [], 'gredis': []}
                    for r in range(args.rounds):
                        order = ['redis', 'gredis'] if r % 2 == 0 else ['gredis', 'redis']
                        for name in order:
                            rates, client_cpu, server_cpu = run_tool(
                                (PIN if pinned else []) + tools[name], sock, server, n)
                            results[name].append(rates)
                            cpu[name].append((client_cpu, server_cpu))
                    report(args, placement, shape, n, results, cpu)
            finally:
                server.terminate()
                server.wait()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def report(args, placement, shape, n, results, cpu):
    if not args.csv:
        print(f'== {placement}, {" ".join(SHAPES[shape])}, -n {n}, '
              f'{args.rounds} rounds (median rps, spread = max/min)')
        print(f'{"test":<16} {"redis-benchmark":>15} {"spread":>6} {"gredis":>12} {"spread":>6} '
              f'{"ratio":>6} {"min":>5} {"max":>5}')
        sys.stdout.flush()
    for test in results['redis'][0]:
        theirs = [run[test] for run in results['redis']]
        ours = [run.get(test) for run in results['gredis']]
        if None in ours:
            continue
        ratios = [o / t for o, t in zip(ours, theirs)]
        row = (statistics.median(theirs), spread(theirs), statistics.median(ours), spread(ours),
               statistics.median(ours) / statistics.median(theirs), min(ratios), max(ratios))
        if args.csv:
            print(f'{placement},{shape},"{test}",{row[0]:.0f},{row[1]:.2f},{row[2]:.0f},'
                  f'{row[3]:.2f},{row[4]:.3f},{row[5]:.3f},{row[6]:.3f}')
        else:
            print(f'{test:<16} {row[0]:>15.0f} {row[1]:>6.2f} {row[2]:>12.0f} {row[3]:>6.2f} '
                  f'{row[4]:>6.2f} {row[5]:>5.2f} {row[6]:>5.2f}')
    # CPU per request, all tests together: medians of the rounds.
    us = {name: [statistics.median(c[i] for c in cpu[name]) * 1e6 for i in (0, 1)]
          for name in cpu}
    ratio = (sum(us['redis']) / sum(us['gredis'])) if sum(us['gredis']) > 0 else float('nan')
    if args.csv:
        # The CPU row: client + server microseconds per request in the
        # median columns, their ratio in the ratio column.
        print(f'{placement},{shape},"CPU us/request",{sum(us["redis"]):.3f},,'
              f'{sum(us["gredis"]):.3f},,{ratio:.3f},,')
    else:
        print(f'CPU µs/request, client + server: redis-benchmark {us["redis"][0]:.2f} + '
              f'{us["redis"][1]:.2f}, gredis {us["gredis"][0]:.2f} + {us["gredis"][1]:.2f}; '
              f'ratio {ratio:.2f} (redis-benchmark\'s total / gredis\')')
    sys.stdout.flush()


if __name__ == '__main__':
    main()
