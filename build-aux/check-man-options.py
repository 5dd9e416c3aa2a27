#!/usr/bin/env python3
# check-man-options.py PROGRAM MANPAGE: fails when an option that
# `PROGRAM --help` lists is not described in the troff page MANPAGE.
# TAP output, one line per option.
import re
import subprocess
import sys

program, manpage = sys.argv[1], sys.argv[2]
help_text = subprocess.run([program, '--help'], capture_output=True, text=True,
                           env={'LC_ALL': 'C', 'PATH': '/usr/bin:/bin'}).stdout
options = sorted(set(re.findall(r'^\s+(?:-\w, )?(--[a-z][a-z0-9-]*)', help_text, re.M)))
page = open(manpage, encoding='utf-8').read().replace('\\-', '-')

if not options:
    print('1..1\nnot ok 1 - no option found in the output of %s --help' % program)
    sys.exit(1)
print('1..%d' % len(options))
failed = 0
for i, option in enumerate(options, 1):
    if re.search(re.escape(option) + r'\b', page):
        print('ok %d - %s is described' % (i, option))
    else:
        failed += 1
        print('not ok %d - %s is not in %s' % (i, option, manpage))
sys.exit(1 if failed else 0)
