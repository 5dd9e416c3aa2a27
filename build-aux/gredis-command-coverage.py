#!/usr/bin/python3
# gredis-command-coverage.py: which commands of the server have typed helpers
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage:
#   build-aux/gredis-command-coverage.py [--decl DECL] [--commands JSON]
#                                        [--all] [--missing] [--check]
#
# Compares the declarations of the typed helpers (build-aux/
# gredis-commands.decl, read by gredis-gen-commands.py) with the command
# table (build-aux/redis-commands-7.0.json) and prints a Markdown table,
# one row per command group of the server: its commands (subcommands
# count one by one, `help` subcommands are left out), how many have a
# typed helper, and the share; `raw` counts those whose helper returns
# the GredisReply itself (scripts, BITFIELD, XPENDING).  --all adds the
# groups beyond the data types; --missing lists the commands without a
# helper; --check fails when a declaration names a command the table does
# not know or the data types are less than 95 % covered, and --doc FILE
# fails when FILE does not hold the table as printed: the test suite runs
# both (tests/command/meson.build), so that docs/commands.md stays true.

import argparse
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_GROUPS = ['string', 'bitmap', 'generic', 'hash', 'list', 'set', 'sorted-set', 'stream',
               'geo', 'hyperloglog']


def load_generator():
    spec = importlib.util.spec_from_file_location('gen', os.path.join(HERE, 'gredis-gen-commands.py'))
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    return gen


def table_commands(path):
    """{name: group}, subcommands as `container|sub`, without help."""
    with open(path, encoding='utf-8') as f:
        commands = json.load(f)['commands']
    out = {}
    for name, info in commands.items():
        if info.get('subcommands'):
            for sub, sinfo in info['subcommands'].items():
                if not sub.endswith('|help'):
                    out[sub] = sinfo['docs']['group']
        else:
            out[name] = info['docs']['group']
    return out


def declared(gen, path, table):
    """{command: set of reply kinds} for the declarations of @path."""
    _, decls = gen.parse(path)
    out = {}
    unknown = []
    for d in decls:
        name = d.command
        if name not in table and name.split('|')[0] in table:
            name = name.split('|')[0]
        if name not in table:
            unknown.append((d.name, d.command))
            continue
        out.setdefault(name, set()).add(d.reply_kind)
    return out, unknown


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--decl', default=os.path.join(HERE, 'gredis-commands.decl'))
    ap.add_argument('--commands', default=os.path.join(HERE, 'redis-commands-7.0.json'))
    ap.add_argument('--all', action='store_true')
    ap.add_argument('--missing', action='store_true')
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--doc')
    a = ap.parse_args()

    gen = load_generator()
    table = table_commands(a.commands)
    helpers, unknown = declared(gen, a.decl, table)
    for helper, command in unknown:
        print('gredis_client_%s: no command %s in %s' % (helper, command, a.commands),
              file=sys.stderr)
    if a.check and unknown:
        return 1

    groups = DATA_GROUPS[:]
    if a.all:
        groups += sorted(set(table.values()) - set(DATA_GROUPS))
    lines = ['| group | 7.0 commands | typed | raw | % |', '| --- | ---: | ---: | ---: | ---: |']
    totals = [0, 0, 0]
    missing = []
    for group in groups:
        names = sorted(n for n, g in table.items() if g == group)
        typed = [n for n in names if n in helpers]
        raw = [n for n in typed if helpers[n] == {'reply'}]
        missing += ['%s (%s)' % (n, group) for n in names if n not in helpers]
        lines.append('| %s | %d | %d | %d | %d %% |' % (group, len(names), len(typed), len(raw),
                                                      100 * len(typed) // max(len(names), 1)))
        if group in DATA_GROUPS:
            totals[0] += len(names)
            totals[1] += len(typed)
            totals[2] += len(raw)
    percent = 100 * totals[1] // max(totals[0], 1)
    lines.append('| **data types** | %d | %d | %d | %d %% |' % (totals[0], totals[1], totals[2],
                                                             percent))
    print('\n'.join(lines))
    status = 0
    if a.check and percent < 95:
        print('The data types are %d %% covered, less than 95 %%.' % percent, file=sys.stderr)
        status = 1
    if a.doc:
        with open(a.doc, encoding='utf-8') as f:
            if '\n'.join(lines) not in f.read():
                print('%s does not hold this table: paste it there.' % a.doc, file=sys.stderr)
                status = 1
    if a.missing:
        print()
        print('Without a helper: ' + ', '.join(missing))
    return status


if __name__ == '__main__':
    sys.exit(main())
