#!/usr/bin/python3
# run-with-overrides.py: runs a Python binding test with the PyGObject
# overrides of the source tree loaded, to check that the calls in the C
# shape of the introspected API behave the same through them.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Arguments: the folder that holds gi/overrides/Gredis.py, the test script.

import os
import runpy
import sys

import gi.overrides

overrides = os.path.join(sys.argv[1], 'gi', 'overrides')
gi.overrides.__path__.insert(0, overrides)
script = sys.argv[2]
sys.argv = sys.argv[2:]
sys.path.insert(0, os.path.dirname(os.path.abspath(script)))

gi.require_version('Gredis', '1.0')
from gi.repository import Gredis  # noqa: E402

module = sys.modules['gi.overrides.Gredis']
if not os.path.samefile(os.path.dirname(module.__file__), overrides):
    print('Bail out! the overrides were loaded from %s' % module.__file__)
    sys.exit(1)
assert Gredis.Client.__module__ == 'gi.overrides.Gredis'

runpy.run_path(script, run_name='__main__')
