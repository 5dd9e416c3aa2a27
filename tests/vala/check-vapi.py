#!/usr/bin/python3
# check-vapi.py: every asynchronous function of the public headers is an
# async method of gredis-1.vapi that returns its finish function's result
# and throws its error, and that finish function exists.
#
# vapigen pairs `x_async` with `x_finish`; an async function whose finish
# function has another name (command_argv_async ends with command_finish)
# comes out as `async void` without `throws`, losing the reply and the
# error, unless Gredis-1.0.metadata names it. This test fails when a new
# one is added without that line.
#
# Usage: check-vapi.py VAPI HEADER-DIR...; prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import pathlib
import re
import sys

vapi_path, header_dirs = sys.argv[1], sys.argv[2:]

declared_async = set()
declared_finish = set()
for directory in header_dirs:
    for header in pathlib.Path(directory).glob('*.h'):
        text = header.read_text()
        declared_async.update(re.findall(r'\b(gredis_\w+_async)\s*\(', text))
        declared_finish.update(re.findall(r'\b(gredis_\w+_finish)\s*\(', text))

# symbol -> (vapi line, finish function)
async_methods = {}
problems = []
prefix = 'gredis_'
ccode = ''
for number, line in enumerate(pathlib.Path(vapi_path).read_text().splitlines(), 1):
    stripped = line.strip()
    if stripped.startswith('[CCode'):
        ccode = stripped
        type_id = re.search(r'type_id = "(\w+)_get_type \(\)"', stripped)
        if type_id:
            prefix = type_id.group(1) + '_'
        continue
    if line == '\t}':
        prefix = 'gredis_'
    method = re.match(r'public (?:static |abstract |virtual |override )*async (.+?) (\w+) \(', stripped)
    if method:
        cname = re.search(r'\bcname = "(\w+)"', ccode)
        symbol = cname.group(1) if cname else prefix + method.group(2)
        finish = re.search(r'\bfinish_name = "(\w+)"', ccode)
        finish = finish.group(1) if finish else re.sub(r'_async$', '', symbol) + '_finish'
        async_methods[symbol] = (number, stripped, finish)
    ccode = ''

print('1..3')
missing = sorted(declared_async - async_methods.keys())
if not declared_async or missing:
    print('not ok 1 - every async function of the headers is an async method of the vapi')
    print(f'# {len(declared_async)} declared; missing: {", ".join(missing)}')
    failed = True
else:
    print(f'ok 1 - every async function of the headers is an async method of the vapi ({len(declared_async)})')
    failed = False

unpaired = [f'{s} (line {n})' for s, (n, text, _) in sorted(async_methods.items())
            if not text.endswith('throws GLib.Error;')]
if unpaired:
    print('not ok 2 - every async method throws its finish function\'s error')
    print('# not paired with a finish function (add it to Gredis-1.0.metadata): ' + ', '.join(unpaired))
    failed = True
else:
    print('ok 2 - every async method throws its finish function\'s error')

wrong = [f'{s} → {f}' for s, (_, _, f) in sorted(async_methods.items()) if f not in declared_finish]
if wrong:
    print('not ok 3 - every async method\'s finish function is declared')
    print('# ' + ', '.join(wrong))
    failed = True
else:
    print('ok 3 - every async method\'s finish function is declared')

sys.exit(1 if failed else 0)
