#!/usr/bin/python3
# gredis-gen-command-table.py: the command table of Gredis, from a checked-in
# description of a server's commands
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage:
#   build-aux/gredis-gen-command-table.py INPUT.json [-o OUTPUT.c]
#   build-aux/gredis-gen-command-table.py --dump ENDPOINT [-o OUTPUT.json]
#   build-aux/gredis-gen-command-table.py --dump-server PROGRAM [-o OUTPUT.json]
#
# The first form is what the build runs (core/commands/meson.build, on the
# file build-aux/meson.build names): it reads build-aux/redis-commands-7.0.json
# and writes gredis-command-table-data.c, one static, sorted table of every
# command and subcommand ("config|get", as Redis names them) with its
# arity, flags, legacy first/last/step, ACL categories, tips (and, parsed
# from them, the request and response policies a cluster client routes by)
# and Redis 7 key specifications.  It reads nothing but the JSON file, and
# the same file always gives the same C file.
#
# The other two forms write that JSON file from a server: --dump asks a
# running redis-server (ENDPOINT is HOST:PORT, "[::1]:6379", or the path
# of a Unix socket); --dump-server starts PROGRAM (a redis-server binary)
# on a Unix socket in a temporary directory, asks it, and stops it.  To
# move to another server version, write a new file from a stock server (no
# modules loaded), name it in build-aux/meson.build and review the diff:
#
#   build-aux/gredis-gen-command-table.py --dump-server /usr/bin/redis-server \
#       -o build-aux/redis-commands-7.0.json
#
# tests/command/check-command-json.py checks that the checked-in file is
# what the installed server says, when its version is the file's.
#
# The JSON file holds, for each command, what COMMAND INFO says of it
# (arity, flags, first_key, last_key, key_step, acl_categories, tips,
# key_specs, subcommands) and, under "docs", what COMMAND DOCS says (summary,
# since, group, complexity, history, arguments ...), read over RESP3 so that
# maps stay maps; keys are sorted and lists keep the server's order, so
# that a new server version reads as a reviewable diff.
#
# The IDEMPOTENT flag is not reported by the server; it is derived here (see
# IDEMPOTENT_WRITES below for the rule).

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

# Server flag names (as COMMAND spells them) -> GredisCommandFlags suffix.
# A flag missing here stops the script: add it to the public enum first.
COMMAND_FLAGS = {
    'write': 'WRITE',
    'readonly': 'READONLY',
    'denyoom': 'DENYOOM',
    'module': 'MODULE',
    'admin': 'ADMIN',
    'pubsub': 'PUBSUB',
    'noscript': 'NOSCRIPT',
    'blocking': 'BLOCKING',
    'loading': 'LOADING',
    'stale': 'STALE',
    'skip_monitor': 'SKIP_MONITOR',
    'skip_slowlog': 'SKIP_SLOWLOG',
    'asking': 'ASKING',
    'fast': 'FAST',
    'no_auth': 'NO_AUTH',
    'may_replicate': 'MAY_REPLICATE',
    'no_mandatory_keys': 'NO_MANDATORY_KEYS',
    'no_async_loading': 'NO_ASYNC_LOADING',
    'no_multi': 'NO_MULTI',
    'movablekeys': 'MOVABLE_KEYS',
    'allow_busy': 'ALLOW_BUSY',
}

# Key specification flags -> GredisKeySpecFlags suffix (private).
KEY_SPEC_FLAGS = {
    'RO': 'RO',
    'RW': 'RW',
    'OW': 'OW',
    'RM': 'RM',
    'access': 'ACCESS',
    'update': 'UPDATE',
    'insert': 'INSERT',
    'delete': 'DELETE',
    'not_key': 'NOT_KEY',
    'incomplete': 'INCOMPLETE',
    'variable_flags': 'VARIABLE_FLAGS',
}

# IDEMPOTENT: a command is idempotent when running it a second time, right
# after a first run whose outcome the client could not see, leaves the data
# set exactly as the first run left it, for every argument list the command
# accepts, and answers with a reply of the same type (a count may be smaller
# the second time: DEL answers 1, then 0).  Such a command may be retried
# after a connection failure.
#
# - Every command the server flags "readonly" qualifies: it changes nothing.
# - The write commands in IDEMPOTENT_WRITES qualify: each sets, deletes or
#   adds to an absolute value that does not depend on what was there.
# - The commands in IDEMPOTENT_OTHERS neither read nor write the data set
#   and change nothing on the server or the connection.
# - Not listed, on purpose:
#   * anything that counts, appends or moves: INCR*, DECR*, APPEND, LPUSH,
#     RPUSH, LINSERT, LPOP, RPOPLPUSH, LMOVE, SPOP, SMOVE, XADD, ZADD (its
#     INCR option), ZINCRBY, ZPOP*, HINCRBY*, BITFIELD, LREM (it removes
#     COUNT more occurrences each time), ZREMRANGEBYRANK (ranks shift);
#   * anything whose reply is the previous value: GETSET, GETDEL, GETEX,
#     SETBIT;
#   * conditional writes whose second run answers nil or fails: SETNX,
#     MSETNX, HSETNX, RENAME, RENAMENX, COPY, MOVE;
#   * SET as a whole: its GET option returns the previous value and NX/XX
#     answer nil on the second run (gredis_command_info_is_idempotent_for_argv()
#     accepts a SET that has none of them);
#   * stores whose destination may also be a source and whose result then
#     changes on a second run: SDIFFSTORE, ZDIFFSTORE, ZUNIONSTORE,
#     ZINTERSTORE (scores add up), BITOP (XOR), ZRANGESTORE (LIMIT),
#     GEOSEARCHSTORE (STOREDIST); SUNIONSTORE, SINTERSTORE and PFMERGE are
#     safe since union and intersection absorb themselves;
#   * relative expiries that restart a clock (EXPIRE, PEXPIRE), FLUSHDB and
#     FLUSHALL (a late retry would delete what others wrote in between),
#     and every admin, scripting and pub/sub command.
IDEMPOTENT_WRITES = {
    # Strings: the value is given in full.  SETEX and PSETEX are included
    # despite their relative TTL because they replace the whole value with
    # its full TTL, which is what a client that resends them expects.
    'mset', 'setex', 'psetex', 'setrange',
    # Deletion of keys, members, fields and ranges of values.
    'del', 'unlink', 'hdel', 'srem', 'zrem', 'zremrangebyscore',
    'zremrangebylex', 'xdel',
    # Adding members or fields with given values.
    'hset', 'hmset', 'sadd', 'pfadd', 'geoadd', 'lset',
    # Absolute expiry times and their removal.
    'expireat', 'pexpireat', 'persist',
    # Set algebra that absorbs its own result.
    'sunionstore', 'sinterstore', 'pfmerge',
    # Stream consumer groups: acknowledging and deleting are absolute.
    'xack', 'xgroup|destroy', 'xgroup|delconsumer', 'xgroup|setid',
}

IDEMPOTENT_OTHERS = {
    'ping', 'echo', 'time', 'lastsave', 'info', 'role', 'command',
    'command|count', 'command|docs', 'command|getkeys',
    'command|getkeysandflags', 'command|info', 'command|list',
    'config|get', 'memory|usage', 'memory|stats', 'memory|doctor',
    'memory|malloc-stats', 'client|id', 'client|info', 'client|getname',
    'client|list', 'client|trackinginfo', 'client|getredir',
    'slowlog|get', 'slowlog|len', 'latency|latest', 'latency|history',
    'latency|doctor', 'latency|graph', 'latency|histogram',
    'acl|whoami', 'acl|list', 'acl|users', 'acl|getuser', 'acl|cat',
    'acl|genpass', 'function|list', 'function|dump', 'function|stats',
    'script|exists', 'module|list', 'cluster|info', 'cluster|nodes',
    'cluster|slots', 'cluster|shards', 'cluster|myid', 'cluster|keyslot',
    'cluster|countkeysinslot', 'cluster|getkeysinslot',
}


# Command tips (Redis 7) -> the private enums of gredis-command-table-private.h.
# A tip missing here stops the script: add it to the enums first.
REQUEST_POLICIES = {
    'all_nodes': 'ALL_NODES',
    'all_shards': 'ALL_SHARDS',
    'multi_shard': 'MULTI_SHARD',
    'special': 'SPECIAL',
}

RESPONSE_POLICIES = {
    'one_succeeded': 'ONE_SUCCEEDED',
    'all_succeeded': 'ALL_SUCCEEDED',
    'agg_logical_and': 'AGG_LOGICAL_AND',
    'agg_logical_or': 'AGG_LOGICAL_OR',
    'agg_min': 'AGG_MIN',
    'agg_max': 'AGG_MAX',
    'agg_sum': 'AGG_SUM',
    'special': 'SPECIAL',
}

TIP_FLAGS = {
    'nondeterministic_output': 'NONDETERMINISTIC_OUTPUT',
    'nondeterministic_output_order': 'NONDETERMINISTIC_OUTPUT_ORDER',
}


# Reading the server: RESP3 over a plain socket, Python standard library only.

class ProtocolError(Exception):
    pass


class Connection:
    def __init__(self, endpoint):
        if '/' in endpoint or ':' not in endpoint:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.settimeout(30)
            self.sock.connect(endpoint)
        else:
            host, _, port = endpoint.rpartition(':')
            host = host.strip('[]')
            self.sock = socket.create_connection((host, int(port)), timeout=30)
        self.sock.settimeout(30)
        self.buf = b''
        self.pos = 0

    def close(self):
        self.sock.close()

    def command(self, *args):
        out = [b'*%d\r\n' % len(args)]
        for a in args:
            a = a.encode() if isinstance(a, str) else a
            out.append(b'$%d\r\n%s\r\n' % (len(a), a))
        self.sock.sendall(b''.join(out))
        reply = self._read_reply()
        if isinstance(reply, ProtocolError):
            raise reply
        return reply

    def _fill(self):
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            raise ProtocolError('the server closed the connection')
        self.buf = self.buf[self.pos:] + chunk
        self.pos = 0

    def _line(self):
        while True:
            end = self.buf.find(b'\r\n', self.pos)
            if end >= 0:
                line = self.buf[self.pos:end]
                self.pos = end + 2
                return line
            self._fill()

    def _exact(self, n):
        while len(self.buf) - self.pos < n + 2:
            self._fill()
        data = self.buf[self.pos:self.pos + n]
        self.pos += n + 2
        return data

    def _read_reply(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b'+':
            return rest.decode()
        if kind in (b'-', b'!'):
            text = rest.decode(errors='replace') if kind == b'-' \
                else self._exact(int(rest)).decode(errors='replace')
            return ProtocolError(text)
        if kind in (b':', b'('):
            return int(rest)
        if kind == b',':
            return float(rest)
        if kind == b'#':
            return rest == b't'
        if kind == b'_':
            return None
        if kind in (b'$', b'='):
            n = int(rest)
            if n < 0:
                return None
            data = self._exact(n).decode()
            return data[4:] if kind == b'=' else data
        if kind in (b'*', b'~', b'>'):
            n = int(rest)
            return None if n < 0 else [self._read_reply() for _ in range(n)]
        if kind == b'%':
            n = int(rest)
            out = {}
            for _ in range(n):
                key = self._read_reply()
                out[key] = self._read_reply()
            return out
        if kind == b'|':
            # Attributes annotate the reply that follows: skip them.
            for _ in range(2 * int(rest)):
                self._read_reply()
            return self._read_reply()
        raise ProtocolError('unexpected reply type %r' % kind)


def dump_command(reply, docs):
    """One COMMAND INFO entry (a positional array) as a JSON object."""
    name = reply[0].lower()
    if len(reply) < 10:
        raise SystemExit('%s: COMMAND gives no key specifications or subcommands; '
                         'use redis-server 7 or later' % name)
    out = {
        'arity': reply[1],
        'flags': list(reply[2]),
        'first_key': reply[3],
        'last_key': reply[4],
        'key_step': reply[5],
        'acl_categories': list(reply[6]),
        'tips': list(reply[7]),
        'key_specs': list(reply[8]),
    }
    doc = dict(docs.get(name) or {})
    sub_docs = doc.pop('subcommands', None) or {}
    if doc:
        out['docs'] = doc
    if reply[9]:
        out['subcommands'] = {}
        for s in reply[9]:
            sub_name, sub = dump_command(s, sub_docs)
            out['subcommands'][sub_name] = sub
    return name, out


def dump(endpoint):
    try:
        conn = Connection(endpoint)
    except (OSError, ValueError) as e:
        raise SystemExit('cannot connect to %s: %s' % (endpoint, e))
    try:
        conn.command('HELLO', '3')
        info = conn.command('INFO', 'SERVER')
        version = None
        for line in info.splitlines():
            if line.startswith('redis_version:'):
                version = line.split(':', 1)[1].strip()
        if version is None:
            raise SystemExit('INFO SERVER did not give a redis_version')
        # Loaded modules would add commands that a stock server lacks.
        if conn.command('MODULE', 'LIST'):
            raise SystemExit('the server has modules loaded; use a stock redis-server')
        commands = conn.command('COMMAND')
        docs = conn.command('COMMAND', 'DOCS')
    except (OSError, ProtocolError) as e:
        raise SystemExit('%s: %s' % (endpoint, e))
    finally:
        conn.close()

    table = {}
    for reply in commands:
        name, entry = dump_command(reply, docs)
        table[name] = entry
    return {
        'comment': ['The commands of a stock redis-server, as COMMAND INFO and COMMAND DOCS',
                    'give them; written by build-aux/gredis-gen-command-table.py --dump,',
                    'read by it to generate core/commands/gredis-command-table-data.c.'],
        'redis_version': version,
        'commands': table,
    }


def dump_server(program):
    """Runs PROGRAM on a Unix socket in a temporary directory and dumps it."""
    tmp = tempfile.mkdtemp(prefix='gredis-gen-')
    path = os.path.join(tmp, 'redis.sock')
    try:
        proc = subprocess.Popen([program, '--port', '0', '--unixsocket', path,
                                 '--save', '', '--appendonly', 'no', '--dir', tmp,
                                 '--daemonize', 'no', '--logfile', os.path.join(tmp, 'log')],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise SystemExit('cannot run %s: %s' % (program, e))
    try:
        for _ in range(500):
            if proc.poll() is not None:
                raise SystemExit('%s exited with status %d' % (program, proc.returncode))
            if os.path.exists(path):
                try:
                    probe = Connection(path)
                    probe.command('PING')
                    probe.close()
                    break
                except (OSError, ProtocolError):
                    pass
            time.sleep(0.02)
        else:
            raise SystemExit('%s did not listen on %s' % (program, path))
        return dump(path)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGTERM)
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def write_json(data, out):
    json.dump(data, out, indent=2, sort_keys=True, ensure_ascii=True)
    out.write('\n')


# Generating the C table.

def c_string(s):
    if s is None:
        return 'NULL'
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append('\\' + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            raise SystemExit('unexpected character %r in %r' % (ch, s))
    out.append('"')
    return ''.join(out)


def c_ident(name):
    return ''.join(c if c.isalnum() else '_' for c in name)


class Command:
    def __init__(self, name, entry, parent=None):
        self.name = name
        self.arity = int(entry['arity'])
        self.flags = []
        for f in entry['flags']:
            if f not in COMMAND_FLAGS:
                raise SystemExit('%s: unknown command flag "%s"; add it to '
                                 'GredisCommandFlags and COMMAND_FLAGS' % (self.name, f))
            self.flags.append(COMMAND_FLAGS[f])
        self.first = int(entry['first_key'])
        self.last = int(entry['last_key'])
        self.step = int(entry['key_step'])
        self.acl = list(entry.get('acl_categories', []))
        self.tips = list(entry.get('tips', []))
        self._parse_tips()
        self.key_specs = [self._key_spec(s) for s in entry.get('key_specs', [])]
        self.parent = parent
        self.subcommands = sorted((Command(n, s, self)
                                   for n, s in entry.get('subcommands', {}).items()),
                                  key=lambda c: c.name.encode())
        self._derive_idempotent()

    def _parse_tips(self):
        self.request_policy = None
        self.response_policy = None
        self.tip_flags = []
        for tip in self.tips:
            kind, _, value = tip.partition(':')
            if kind == 'request_policy' and value in REQUEST_POLICIES \
                    and self.request_policy is None:
                self.request_policy = REQUEST_POLICIES[value]
            elif kind == 'response_policy' and value in RESPONSE_POLICIES \
                    and self.response_policy is None:
                self.response_policy = RESPONSE_POLICIES[value]
            elif not value and kind in TIP_FLAGS:
                self.tip_flags.append(TIP_FLAGS[kind])
            else:
                raise SystemExit('%s: unknown or repeated command tip "%s"; add it to '
                                 'gredis-command-table-private.h and to this script'
                                 % (self.name, tip))

    def _key_spec(self, spec):
        flags = []
        for f in spec.get('flags', []):
            if f not in KEY_SPEC_FLAGS:
                raise SystemExit('%s: unknown key spec flag "%s"' % (self.name, f))
            flags.append(KEY_SPEC_FLAGS[f])
        bs = spec['begin_search']
        bs_spec = bs.get('spec') or {}
        fk = spec['find_keys']
        fk_spec = fk.get('spec') or {}
        ks = {'flags': flags, 'bs': bs['type'], 'fk': fk['type'],
              'pos': 0, 'keyword': None, 'a': 0, 'b': 0, 'c': 0}
        if bs['type'] == 'index':
            ks['pos'] = int(bs_spec['index'])
        elif bs['type'] == 'keyword':
            ks['pos'] = int(bs_spec['startfrom'])
            ks['keyword'] = bs_spec['keyword']
        elif bs['type'] != 'unknown':
            raise SystemExit('%s: unknown begin_search type "%s"' % (self.name, bs['type']))
        if fk['type'] == 'range':
            ks['a'], ks['b'], ks['c'] = (int(fk_spec['lastkey']), int(fk_spec['keystep']),
                                         int(fk_spec['limit']))
        elif fk['type'] == 'keynum':
            ks['a'], ks['b'], ks['c'] = (int(fk_spec['keynumidx']), int(fk_spec['firstkey']),
                                         int(fk_spec['keystep']))
        elif fk['type'] != 'unknown':
            raise SystemExit('%s: unknown find_keys type "%s"' % (self.name, fk['type']))
        for field in ('pos', 'a', 'b', 'c'):
            if not -32768 <= ks[field] <= 32767:
                raise SystemExit('%s: key spec value %d does not fit a gint16'
                                 % (self.name, ks[field]))
        return ks

    def _derive_idempotent(self):
        # Containers qualify only by name: COMMAND runs on its own.
        if ('READONLY' in self.flags or self.name in IDEMPOTENT_WRITES
                or self.name in IDEMPOTENT_OTHERS):
            self.flags.append('IDEMPOTENT')

    def all_names(self):
        yield self.name
        for s in self.subcommands:
            yield s.name


def emit(commands, version, source, out):
    w = out.write
    w('/* gredis-command-table-data.c: the command table of Redis %s\n' % version)
    w(' *\n')
    w(' * GENERATED FILE, DO NOT EDIT.  Written by build-aux/gredis-gen-command-table.py\n')
    w(' * from %s, the COMMAND INFO of redis-server %s;\n' % (source, version))
    w(' * the script\'s header says how to write that file from another server.\n')
    w(' *\n')
    w(' * SPDX-License-Identifier: LGPL-2.1-or-later\n')
    w(' */\n')
    w('#include "gredis-command-table-private.h"\n\n')
    w('const char gredis_command_table_version[] = %s;\n\n' % c_string(version))

    index = {c.name: i for i, c in enumerate(commands)}

    def flags_expr(names, prefix, indent=4):
        if not names:
            return '0'
        lines, line = [], ''
        for n in names:
            item = prefix + n
            if line and len(line) + len(item) + 3 + indent > 78:
                lines.append(line + ' |')
                line = item
            else:
                line = line + ' | ' + item if line else item
        lines.append(line)
        return ('\n' + ' ' * (indent + 9)).join(lines)

    def strv(var, items):
        if not items:
            return 'NULL'
        w('static const char * const %s[] = { %s, NULL };\n'
          % (var, ', '.join(c_string(i) for i in items)))
        return var

    def key_specs(var, specs):
        if not specs:
            return 'NULL'
        w('static const GredisKeySpec %s[] = {\n' % var)
        for ks in specs:
            w('  { GREDIS_KEY_SEARCH_%s, GREDIS_KEY_FIND_%s, %s,\n'
              % (ks['bs'].upper(), ks['fk'].upper(),
                 flags_expr(ks['flags'], 'GREDIS_KEY_SPEC_', 0)))
            w('    %d, %s, %d, %d, %d },\n'
              % (ks['pos'], c_string(ks['keyword']), ks['a'], ks['b'], ks['c']))
        w('};\n')
        return var

    def entry(cmd, parts, parent_expr, subs_var):
        w('  {\n')
        w('    .name = %s,\n' % c_string(cmd.name))
        w('    .arity = %d,\n' % cmd.arity)
        w('    .flags = %s,\n' % flags_expr(cmd.flags, 'GREDIS_COMMAND_FLAG_'))
        w('    .first_key = %d, .last_key = %d, .key_step = %d,\n'
          % (cmd.first, cmd.last, cmd.step))
        w('    .n_key_specs = %d, .key_specs = %s,\n' % (len(cmd.key_specs), parts['ks']))
        w('    .n_subcommands = %d, .subcommands = %s,\n' % (len(cmd.subcommands), subs_var))
        w('    .parent = %s,\n' % parent_expr)
        w('    .acl_categories = %s,\n' % parts['acl'])
        w('    .tips = %s,\n' % parts['tips'])
        if cmd.request_policy:
            w('    .request_policy = GREDIS_REQUEST_POLICY_%s,\n' % cmd.request_policy)
        if cmd.response_policy:
            w('    .response_policy = GREDIS_RESPONSE_POLICY_%s,\n' % cmd.response_policy)
        if cmd.tip_flags:
            w('    .tip_flags = %s,\n'
              % ' |\n                 '.join('GREDIS_COMMAND_TIP_' + f for f in cmd.tip_flags))
        w('  },\n')

    def parts_for(cmd):
        ident = c_ident(cmd.name)
        return {'acl': strv('acl_' + ident, cmd.acl),
                'tips': strv('tips_' + ident, cmd.tips),
                'ks': key_specs('keys_' + ident, cmd.key_specs)}

    subs_vars = {}
    for cmd in commands:
        if not cmd.subcommands:
            continue
        sub_parts = [parts_for(s) for s in cmd.subcommands]
        var = 'sub_' + c_ident(cmd.name)
        w('static const GredisCommandInfo %s[] = {\n' % var)
        for s, p in zip(cmd.subcommands, sub_parts):
            entry(s, p, '&gredis_command_table[%d]' % index[cmd.name], 'NULL')
        w('};\n\n')
        subs_vars[cmd.name] = var

    top_parts = [parts_for(c) for c in commands]
    w('\nconst GredisCommandInfo gredis_command_table[] = {\n')
    for cmd, p in zip(commands, top_parts):
        entry(cmd, p, 'NULL', subs_vars.get(cmd.name, 'NULL'))
    w('};\n\n')
    w('const guint gredis_command_table_length = G_N_ELEMENTS (gredis_command_table);\n')


def main():
    parser = argparse.ArgumentParser(
        description='Generate the Gredis command table from a JSON description of the '
                    'commands of a server, or write that description from a server.')
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument('input', nargs='?', help='the JSON file to generate the C table from')
    mode.add_argument('--dump', metavar='ENDPOINT',
                      help='write the JSON file from a running server: HOST:PORT or the '
                           'path of a Unix socket')
    mode.add_argument('--dump-server', metavar='PROGRAM',
                      help='write the JSON file from a redis-server binary run on a Unix '
                           'socket in a temporary directory')
    parser.add_argument('-o', '--output', help='output file (default: standard output)')
    args = parser.parse_args()

    if args.input is None:
        data = dump(args.dump) if args.dump else dump_server(args.dump_server)
        write = write_json
    else:
        try:
            with open(args.input, encoding='utf-8') as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            raise SystemExit('cannot read %s: %s' % (args.input, e))
        commands = sorted((Command(n, e) for n, e in data['commands'].items()),
                          key=lambda c: c.name.encode())
        names = {n for c in commands for n in c.all_names()}
        for n in sorted((IDEMPOTENT_WRITES | IDEMPOTENT_OTHERS) - names):
            sys.stderr.write('warning: idempotent command "%s" is not known to this server\n' % n)
        source = 'build-aux/' + os.path.basename(args.input)
        version = data['redis_version']

        def write(_, out):
            emit(commands, version, source, out)

    if args.output:
        # Written whole or not at all: the build must never see half a file.
        tmp = args.output + '.tmp'
        with open(tmp, 'w', encoding='ascii', newline='\n') as out:
            write(data, out)
        os.replace(tmp, args.output)
    else:
        write(data, sys.stdout)


if __name__ == '__main__':
    main()
