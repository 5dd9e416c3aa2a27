#!/usr/bin/python3
# gredis-gen-command-table.py: generate core/commands/gredis-command-table-data.c
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage:
#   tools/gredis-gen-command-table.py ENDPOINT [-o OUTPUT]
#
#   ENDPOINT  HOST:PORT of a running redis-server ("127.0.0.1:6379",
#             "[::1]:6379"), or the path of its Unix socket.
#   OUTPUT    where to write the C data (default: standard output).
#
# To regenerate the table that is committed in the repository, start a
# fresh server with no modules loaded (Debian's redis-server 7.0) and write
# over the old file:
#
#   redis-server --port 0 --unixsocket /tmp/gredis-cmd/s --save "" \
#                --appendonly no --dir /tmp/gredis-cmd &
#   tools/gredis-gen-command-table.py /tmp/gredis-cmd/s \
#       -o core/commands/gredis-command-table-data.c
#
# The script speaks RESP2 over a plain socket (Python standard library
# only), sends INFO SERVER and COMMAND, and writes one static, sorted table
# of every command and subcommand ("config|get", as Redis names them) with
# its arity, flags, legacy first/last/step, ACL categories, tips and Redis
# 7 key specifications. Its output depends only on the server's reply, so
# the same server version always gives the same file.
#
# The IDEMPOTENT flag is not reported by the server; it is derived here (see
# IDEMPOTENT_WRITES below for the rule).

import argparse
import socket
import sys

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


class ProtocolError(Exception):
    pass


class Connection:
    def __init__(self, endpoint):
        if '/' in endpoint or ':' not in endpoint:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
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
        if kind == b'-':
            return ProtocolError(rest.decode(errors='replace'))
        if kind == b':':
            return int(rest)
        if kind == b'$':
            n = int(rest)
            return None if n < 0 else self._exact(n).decode()
        if kind == b'*':
            n = int(rest)
            return None if n < 0 else [self._read_reply() for _ in range(n)]
        raise ProtocolError('unexpected reply type %r' % kind)


def pairs_to_dict(flat):
    """RESP2 sends maps as flat [key, value, ...] arrays."""
    if isinstance(flat, dict):
        return flat
    return {flat[i]: flat[i + 1] for i in range(0, len(flat), 2)}


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
    def __init__(self, reply, parent=None):
        self.name = reply[0].lower()
        self.arity = int(reply[1])
        self.flags = []
        for f in reply[2]:
            if f not in COMMAND_FLAGS:
                raise SystemExit('%s: unknown command flag "%s"; add it to '
                                 'GredisCommandFlags and COMMAND_FLAGS' % (self.name, f))
            self.flags.append(COMMAND_FLAGS[f])
        self.first, self.last, self.step = int(reply[3]), int(reply[4]), int(reply[5])
        self.acl = list(reply[6]) if len(reply) > 6 else []
        self.tips = list(reply[7]) if len(reply) > 7 else []
        self.key_specs = [self._key_spec(pairs_to_dict(s))
                          for s in (reply[8] if len(reply) > 8 else [])]
        self.parent = parent
        self.subcommands = sorted((Command(s, self) for s in (reply[9] if len(reply) > 9 else [])),
                                  key=lambda c: c.name)
        self._derive_idempotent()

    def _key_spec(self, spec):
        flags = []
        for f in spec.get('flags', []):
            if f not in KEY_SPEC_FLAGS:
                raise SystemExit('%s: unknown key spec flag "%s"' % (self.name, f))
            flags.append(KEY_SPEC_FLAGS[f])
        bs = pairs_to_dict(spec['begin_search'])
        bs_spec = pairs_to_dict(bs.get('spec') or [])
        fk = pairs_to_dict(spec['find_keys'])
        fk_spec = pairs_to_dict(fk.get('spec') or [])
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


def emit(commands, version, out):
    w = out.write
    w('/* gredis-command-table-data.c: the command table of Redis %s\n' % version)
    w(' *\n')
    w(' * GENERATED FILE, DO NOT EDIT.  Written by tools/gredis-gen-command-table.py\n')
    w(' * from the COMMAND reply of redis-server %s; run the script again (its\n' % version)
    w(' * header says how) to regenerate it.\n')
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
        description='Generate the Gredis command table from a running redis-server.')
    parser.add_argument('endpoint', help='HOST:PORT or the path of a Unix socket')
    parser.add_argument('-o', '--output', help='output file (default: standard output)')
    args = parser.parse_args()

    try:
        conn = Connection(args.endpoint)
    except (OSError, ValueError) as e:
        raise SystemExit('cannot connect to %s: %s' % (args.endpoint, e))
    try:
        info = conn.command('INFO', 'SERVER')
        version = None
        for line in info.splitlines():
            if line.startswith('redis_version:'):
                version = line.split(':', 1)[1].strip()
        if version is None:
            raise SystemExit('INFO SERVER did not give a redis_version')
        reply = conn.command('COMMAND')
        # Loaded modules would add commands that a stock server lacks.
        modules = conn.command('MODULE', 'LIST')
        if modules:
            raise SystemExit('the server has modules loaded; use a stock redis-server')
    except (OSError, ProtocolError) as e:
        raise SystemExit('%s: %s' % (args.endpoint, e))
    finally:
        conn.close()

    commands = sorted((Command(c) for c in reply), key=lambda c: c.name)
    names = {n for c in commands for n in c.all_names()}
    for n in sorted((IDEMPOTENT_WRITES | IDEMPOTENT_OTHERS) - names):
        sys.stderr.write('warning: idempotent command "%s" is not known to this server\n' % n)

    if args.output:
        with open(args.output, 'w', encoding='ascii') as out:
            emit(commands, version, out)
    else:
        emit(commands, version, sys.stdout)


if __name__ == '__main__':
    main()
