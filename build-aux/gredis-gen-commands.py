#!/usr/bin/python3
# gredis-gen-commands.py: the typed command helpers of Gredis, from one
# declaration per command
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage:
#   build-aux/gredis-gen-commands.py DECL --header -o gredis-commands-generated.h
#   build-aux/gredis-gen-commands.py DECL --client -o gredis-client-commands-generated.c
#   build-aux/gredis-gen-commands.py DECL --pipeline-header -o gredis-pipeline-commands.h
#   build-aux/gredis-gen-commands.py DECL --pipeline -o gredis-pipeline-commands.c
#
# The build runs it four times (include/gredis, core/client and
# core/pipeline meson.build files) on build-aux/gredis-commands.decl.  For
# each declaration it writes, with gtk-doc comments and introspection
# annotations, the three forms every helper of GredisClient has --
# `_async`, `_finish` and the blocking one -- plus, for declarations marked
# `bytes`, the binary-safe `_bytes` forms (values as GBytes), and one
# pipeline adder per helper.  An argv builder per helper is shared by the
# client and the pipeline; it builds the argv on the stack
# (core/client/gredis-client-commands-private.h), so that a typed call
# costs what a raw argv call costs.
#
# The declaration file's syntax is described at its top.

import argparse
import re
import sys
import textwrap

# Argument kinds: the C parameters they become (text form, binary form),
# what checks them, and how they are added to the argv.
SCALARS = {
    'int': 'gint64',
    'ms': 'gint64',
    'uint': 'guint64',
    'double': 'double',
    'bool': 'gboolean',
}

# Reply kinds: C type of the text and binary forms, the private converter
# (core/client/gredis-client-commands-private.h) of each, the value on
# failure, and the introspection annotations of the return value.
REPLIES = {
    'int': ('gint64', None, '_gredis_reply_to_int', '0', ''),
    'bool': ('gboolean', None, '_gredis_reply_to_bool', 'FALSE', ''),
    'ok': ('gboolean', None, '_gredis_reply_to_ok', 'FALSE', ''),
    'double': ('double', None, '_gredis_reply_to_double', '0.0', ''),
    'string': ('char *', 'GBytes *', '_gredis_reply_to_str', 'NULL', '(transfer full)'),
    'strv': ('char **', 'GPtrArray *', '_gredis_reply_to_strv', 'NULL',
             '(transfer full) (array zero-terminated=1)'),
    'strings': ('GPtrArray *', 'GPtrArray *', '_gredis_reply_to_str_array', 'NULL',
                '(transfer container) (element-type utf8)'),
    'hash': ('GHashTable *', 'GPtrArray *', '_gredis_reply_to_hash', 'NULL',
             '(transfer container) (element-type utf8 utf8)'),
    'scored': ('GPtrArray *', None, '_gredis_reply_to_scored', 'NULL',
               '(transfer container) (element-type GredisScoredMember)'),
    'entries': ('GPtrArray *', None, '_gredis_reply_to_entries', 'NULL',
                '(transfer container) (element-type GredisStreamEntry)'),
    'ints': ('GArray *', None, '_gredis_reply_to_ints', 'NULL',
             '(transfer full) (element-type gint64)'),
    # A value or nil: gboolean found, and the value through an out argument.
    'doubles': ('GArray *', None, '_gredis_reply_to_doubles', 'NULL',
                '(transfer full) (element-type gdouble)'),
    'positions': ('GArray *', None, '_gredis_reply_to_positions', 'NULL',
                  '(transfer full) (element-type gdouble)'),
    'dict': ('GVariant *', None, '_gredis_reply_to_dict', 'NULL', '(transfer full)'),
    'dicts': ('GVariant *', None, '_gredis_reply_to_dicts', 'NULL', '(transfer full)'),
    'pending': ('GVariant *', None, '_gredis_reply_to_pending', 'NULL', '(transfer full)'),
    'info': ('GVariant *', None, '_gredis_reply_to_info', 'NULL', '(transfer full)'),
    'libraries': ('GVariant *', None, '_gredis_reply_to_libraries', 'NULL', '(transfer full)'),
    'client_info': ('GVariant *', None, '_gredis_reply_to_client_info', 'NULL', '(transfer full)'),
    'client_list': ('GVariant *', None, '_gredis_reply_to_client_list', 'NULL', '(transfer full)'),
    'pending_entries': ('GVariant *', None, '_gredis_reply_to_pending_entries', 'NULL',
                        '(transfer full)'),
    'xread': ('GPtrArray *', None, '_gredis_reply_to_stream_entries', 'NULL',
              '(transfer container) (element-type GredisStreamEntry)'),
    'reply': ('GredisReply *', None, '_gredis_reply_take', 'NULL', '(transfer full)'),
    # A value or nil: gboolean found, and the value through an out argument.
    'score': ('gboolean', None, '_gredis_reply_to_score', 'FALSE', ''),
    'integer': ('gboolean', None, '_gredis_reply_to_opt_int', 'FALSE', ''),
    # A list and a string through an out argument: a cursor, a key.
    'scan': ('char **', 'GPtrArray *', '_gredis_reply_to_scan', 'NULL',
             '(transfer full) (array zero-terminated=1)'),
    'keyed': ('char **', 'GPtrArray *', '_gredis_reply_to_keyed', 'NULL',
              '(transfer full) (array zero-terminated=1)'),
    'keyed_scored': ('GPtrArray *', None, '_gredis_reply_to_keyed_scored', 'NULL',
                     '(transfer container) (element-type GredisScoredMember)'),
    'autoclaim': ('GPtrArray *', None, '_gredis_reply_to_autoclaim', 'NULL',
                  '(transfer container) (element-type GredisStreamEntry)'),
}
BYTES_CONVERTERS = {
    'string': ('_gredis_reply_to_bytes', '(transfer full)'),
    'strv': ('_gredis_reply_to_bytes_array', '(transfer container) (element-type GBytes)'),
    'strings': ('_gredis_reply_to_bytes_array', '(transfer container) (element-type GBytes)'),
    'scan': ('_gredis_reply_to_scan_bytes', '(transfer container) (element-type GBytes)'),
    'keyed': ('_gredis_reply_to_keyed_bytes', '(transfer container) (element-type GBytes)'),
    'hash': ('_gredis_reply_to_bytes_pairs', '(transfer container) (element-type GBytes)'),
}
# The out argument of the found-or-not kinds.
OUT_ARGS = {
    'score': ('double', 'score', '(out) (optional)', 'the value'),
    'integer': ('gint64', 'value', '(out) (optional)', 'the value'),
    'scan': ('char *', 'next_cursor', '(out) (optional) (transfer full)',
             'the cursor of the next call, `0` when the iteration is complete'),
    'autoclaim': ('char *', 'next_start', '(out) (optional) (transfer full)',
                  'the id to start the next call from, `0-0` when the whole list was scanned'),
    'keyed': ('char *', 'key', '(out) (optional) (nullable) (transfer full)',
              'the key the elements come from'),
    'keyed_scored': ('char *', 'key', '(out) (optional) (nullable) (transfer full)',
                     'the key the members come from'),
}


class DeclError(Exception):
    pass


class Param:
    def __init__(self, name, kind, optional):
        self.name = name
        self.kind = kind
        self.optional = optional
        self.flags = None           # a Flags for flag kinds
        self.doc = None

    def c_params(self, binary):
        """(type, name, annotation) of the C parameters it becomes."""
        k = self.kind
        if k in ('key', 'str'):
            return [('const char *', self.name, '(nullable)' if self.optional else '')]
        if k == 'value':
            if binary:
                return [('GBytes *', self.name, '')]
            return [('const char *', self.name, '')]
        if k in ('keys', 'strv', 'nkeys'):
            return [('const char * const *', self.name, '(array zero-terminated=1)')]
        if k == 'values':
            if binary:
                return [('GBytes * const *', self.name, '(array length=n_%s)' % self.name),
                        ('guint', 'n_' + self.name, '')]
            return [('const char * const *', self.name, '(array zero-terminated=1)')]
        if k == 'pairs':
            if binary:
                names, values = self.pair_names()
                return [('const char * const *', names, '(array length=n_%s)' % values),
                        ('GBytes * const *', values, '(array length=n_%s)' % values),
                        ('guint', 'n_' + values, '')]
            return [('const char * const *', self.name, '(array zero-terminated=1)')]
        if k == 'scored':
            return [('const double *', 'scores', '(array length=n_%s)' % self.name),
                    ('GBytes * const *' if binary else 'const char * const *', self.name,
                     '(array length=n_%s)' % self.name),
                    ('guint', 'n_' + self.name, '')]
        if k in SCALARS:
            return [(SCALARS[k], self.name, '')]
        if self.flags is not None:
            return [(self.flags.c_type, self.name, '')]
        raise DeclError('unknown kind %s' % k)

    def pair_names(self):
        if '_and_' not in self.name:
            raise DeclError('a pairs argument is named NAMES_and_VALUES: %s' % self.name)
        return tuple(self.name.split('_and_', 1))

    def checks(self, binary):
        """C expressions that must hold (g_return_if_fail)."""
        if self.optional:
            return []
        k = self.kind
        if k in ('key', 'str', 'value', 'keys', 'strv', 'nkeys'):
            return ['%s != NULL' % self.name]
        if k == 'values':
            if binary:
                return ['%s != NULL || n_%s == 0' % (self.name, self.name)]
            return ['%s != NULL' % self.name]
        if k == 'pairs':
            if binary:
                names, values = self.pair_names()
                return ['(%s != NULL && %s != NULL) || n_%s == 0' % (names, values, values)]
            return ['%s != NULL' % self.name]
        if k == 'scored':
            return ['(scores != NULL && %s != NULL) || n_%s == 0' % (self.name, self.name)]
        return []

    def is_set(self):
        """The C condition under which an optional group is sent."""
        k = self.kind
        if k in ('key', 'str', 'value', 'keys', 'strv', 'values'):
            return '%s != NULL' % self.name
        if k in ('int', 'double'):
            return '%s != 0' % self.name
        if k == 'uint':
            return '%s > 0' % self.name
        if k == 'ms':
            return '%s >= 0' % self.name
        if k == 'bool':
            return self.name
        raise DeclError('%s cannot be optional' % self.name)

    def add(self, binary):
        """C statements that add it to the argv `c`."""
        k, n = self.kind, self.name
        if k in ('key', 'str'):
            return ['_gredis_cmd_add (c, %s);' % n]
        if k == 'value':
            return ['_gredis_cmd_add_bytes (c, %s);' % n if binary else '_gredis_cmd_add (c, %s);' % n]
        if k in ('keys', 'strv'):
            return ['_gredis_cmd_add_strv (c, %s);' % n]
        if k == 'nkeys':
            return ['_gredis_cmd_add_uint (c, g_strv_length ((char **) %s));' % n,
                    '_gredis_cmd_add_strv (c, %s);' % n]
        if k == 'values':
            if binary:
                return ['_gredis_cmd_add_bytesv (c, %s, n_%s);' % (n, n)]
            return ['_gredis_cmd_add_strv (c, %s);' % n]
        if k == 'pairs':
            if binary:
                names, values = self.pair_names()
                return ['_gredis_cmd_add_pairs (c, %s, %s, n_%s);' % (names, values, values)]
            return ['_gredis_cmd_add_strv (c, %s);' % n]
        if k == 'scored':
            if binary:
                return ['_gredis_cmd_add_scored_bytes (c, scores, %s, n_%s);' % (n, n)]
            return ['_gredis_cmd_add_scored (c, scores, %s, n_%s);' % (n, n)]
        if k in ('int', 'ms'):
            return ['_gredis_cmd_add_int (c, %s);' % n]
        if k == 'uint':
            return ['_gredis_cmd_add_uint (c, %s);' % n]
        if k == 'double':
            return ['_gredis_cmd_add_double (c, %s);' % n]
        if k == 'bool':
            return []
        if self.flags is not None:
            return ['_gredis_cmd_add_flags (c, %s, %s_words, G_N_ELEMENTS (%s_words));'
                    % (n, self.flags.prefix, self.flags.prefix)]
        raise DeclError('unknown kind %s' % k)

    def default_doc(self, binary):
        k = self.kind
        words = self.name.replace('_', ' ')
        if k == 'key':
            return 'the key' if self.name == 'key' else 'a key (%s)' % words
        if k in ('keys', 'nkeys'):
            return 'the keys'
        if k == 'value' and binary:
            return 'the %s, binary safe' % words
        if k == 'values' and binary:
            return 'the %s, binary safe' % words
        if self.flags is not None:
            return 'options, as #%s' % self.flags.c_type
        return 'the ' + words


class Flags:
    def __init__(self, name, prefix, words):
        self.c_type = 'Gredis' + name
        self.prefix = prefix.lower()
        self.enum_prefix = 'GREDIS_' + prefix.upper()
        self.words = words


class Decl:
    def __init__(self, group, name, tokens, reply, options, lineno):
        self.group = group
        self.name = name            # helper name: gredis_client_NAME
        self.tokens = tokens        # the argv template
        self.reply = reply
        self.nullable = reply.endswith('?')
        self.reply_kind = reply.rstrip('?')
        self.options = options
        self.lineno = lineno
        self.doc = []
        self.returns = None
        self.params = []
        self.command = None         # COMMAND or COMMAND|SUB, as the command table names it

    @property
    def binary(self):
        return 'bytes' in self.options

    def adder_name(self):
        return self.options.get('adder', self.name)


def tokenize(text):
    return re.findall(r'\[|\]|[^\s\[\]]+', text)


def parse(path):
    flags = {}
    decls = []
    group = None
    current = None
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    for lineno, line in enumerate(lines, 1):
        try:
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            if line[0].isspace():
                if current is None:
                    raise DeclError('an indented line outside a declaration')
                text = line.strip()
                m = re.match(r'@(\w+):\s*(.*)', text)
                if m:
                    p = [p for p in current.params if p.name == m.group(1)]
                    if not p:
                        raise DeclError('no argument %s' % m.group(1))
                    p[0].doc = m.group(2)
                elif text.startswith('returns:'):
                    current.returns = text[len('returns:'):].strip()
                elif current.returns is not None:
                    current.returns += ' ' + text
                else:
                    current.doc.append(text)
                continue
            current = None
            words = line.split()
            if words[0] == 'group':
                group = words[1]
                continue
            if words[0] == 'flags':
                # flags Name PREFIX: WORD WORD ...
                m = re.match(r'flags\s+(\w+)\s+(\w+):\s*(.*)$', line)
                if not m:
                    raise DeclError('flags Name PREFIX: WORD...')
                flags[m.group(1)] = Flags(m.group(1), m.group(2), m.group(3).split())
                continue
            m = re.match(r'([a-z0-9_]+):\s*(.*?)\s*->\s*(\S+)\s*(.*)$', line)
            if not m:
                raise DeclError('expected "name: ARGV -> reply [options]"')
            options = {}
            for o in m.group(4).split():
                k, _, v = o.partition('=')
                options[k] = v or True
            if group is None:
                raise DeclError('a declaration before any group')
            current = Decl(group, m.group(1), tokenize(m.group(2)), m.group(3), options, lineno)
            if current.reply_kind not in REPLIES:
                raise DeclError('unknown reply kind %s' % current.reply)
            if current.binary and current.reply_kind in BYTES_CONVERTERS is None:
                raise DeclError('no binary form of %s' % current.reply)
            resolve(current, flags)
            decls.append(current)
        except DeclError as e:
            sys.exit('%s:%d: %s' % (path, lineno, e))
    return flags, decls


def resolve(decl, flags):
    """Collects the parameters of a declaration from its argv template."""
    depth = 0
    words = []
    for t in decl.tokens:
        if t == '[':
            depth += 1
        elif t == ']':
            depth -= 1
        elif ':' in t:
            name, kind = t.split(':', 1)
            p = Param(name, kind, depth > 0)
            if kind in flags:
                p.flags = flags[kind]
            elif kind not in ('key', 'keys', 'nkeys', 'str', 'strv', 'value', 'values', 'pairs',
                              'scored') and kind not in SCALARS:
                raise DeclError('unknown kind %s' % kind)
            decl.params.append(p)
        elif len(decl.params) == 0 and depth == 0 and re.match(r'^[A-Z][A-Z0-9_-]*$', t):
            words.append(t)
    if depth != 0:
        raise DeclError('unbalanced [ ]')
    decl.command = words[0].lower()
    if len(words) > 1 and not decl.options.get('nosub'):
        decl.command += '|' + words[1].lower()
    if 'order' in decl.options:
        order = decl.options['order'].split(',')
        by_name = {p.name: p for p in decl.params}
        if sorted(order) != sorted(by_name):
            raise DeclError('order= must name every argument')
        decl.params = [by_name[n] for n in order]


# Writing C

def fn_name(decl, binary, suffix=''):
    return 'gredis_client_%s%s%s' % (decl.name, '_bytes' if binary else '', suffix)


def builder_name(decl, binary):
    return '_gredis_cmd_build_%s%s' % (decl.name, '_bytes' if binary else '')


def c_params(decl, binary):
    out = []
    for p in decl.params:
        out += p.c_params(binary)
    return out


def format_proto(ret, name, params, indent_decl=False):
    """A prototype in GLib's style: names aligned, stars against them."""
    split = []
    for t, n in params:
        stars = len(t) - len(t.rstrip('*'))
        split.append((t[:len(t) - stars].rstrip(), '*' * stars, n))
    width = max(len(t) + 2 + len(s) for t, s, _ in split)
    head = name + ' ('
    lines = []
    for i, (t, s, n) in enumerate(split):
        sep = ',' if i < len(split) - 1 else ')'
        lines.append(t.ljust(width - len(s)) + s + n + sep)
    pad = ' ' * len(head)
    body = head + lines[0] + ''.join('\n' + pad + l for l in lines[1:])
    if indent_decl:
        return '%s%s%s' % (ret, '' if ret.endswith('*') else ' ', body)
    return '%s\n%s' % (ret, body)


def doc_wrap(text, first, rest='', width=79):
    return textwrap.fill(text, width=width, initial_indent=first, subsequent_indent=rest)


def command_words(decl):
    words = []
    for t in decl.tokens:
        if t in ('[', ']') or ':' in t:
            break
        words.append(t)
    return ' '.join(words)


def summary(decl, binary):
    s = ' '.join(decl.doc) or 'Sends `%s`.' % command_words(decl)
    if '(`' not in s:
        s = s.rstrip('.') + ' (`%s`).' % command_words(decl)
    if binary:
        s += ' Binary-safe: values are #GBytes, which may hold any bytes.'
    return s


def param_docs(decl, binary):
    lines = []
    for p in decl.params:
        for t, n, ann in p.c_params(binary):
            if p.kind == 'scored' and n == 'scores':
                text = 'the scores, one per member'
            elif n.startswith('n_'):
                text = 'the number of %s' % n[2:].replace('_', ' ')
            elif p.kind == 'pairs' and binary:
                names, values = p.pair_names()
                text = ('the ' + names.replace('_', ' ') if n == names
                        else 'their values, binary safe')
            else:
                text = p.doc or p.default_doc(binary)
                if p.optional and p.kind not in ('bool',) and not p.doc:
                    text += ', or %s for none' % (
                        '%NULL' if p.kind in ('key', 'str', 'value', 'keys', 'strv') else
                        'a negative number' if p.kind == 'ms' else '0')
            ann = ann + ': ' if ann else ''
            lines.append(doc_wrap('@%s: %s%s' % (n, ann, text), ' * ', ' *   '))
    return lines


def returns_doc(decl, binary):
    kind = decl.reply_kind
    ann = REPLIES[kind][4]
    if binary and kind in BYTES_CONVERTERS:
        ann = BYTES_CONVERTERS[kind][1]
    if decl.nullable and ann:
        ann += ' (nullable)'
    text = decl.returns or {
        'int': 'the integer the server replied',
        'bool': 'the server\'s answer',
        'ok': '%TRUE, or %FALSE with an error',
        'double': 'the number the server replied',
        'string': 'the value',
        'strv': 'the values',
        'strings': 'the values, %NULL for missing ones',
        'hash': 'fields and their values',
        'scored': 'the members and their scores',
        'entries': 'the entries',
        'ints': 'the integers',
        'reply': 'the reply',
        'score': '%TRUE with the value, %FALSE with no error when there is none',
        'integer': '%TRUE with the value, %FALSE with no error when there is none',
        'doubles': 'the numbers, NaN for missing ones',
        'positions': 'longitude and latitude of each member, NaN for missing members',
        'dict': 'a dictionary (`a{sv}`) of what the server replied',
        'dicts': 'an array of dictionaries (`aa{sv}`), one per element',
        'pending': 'a dictionary (`a{sv}`): `pending` (int64) the number of pending '
                   'entries, `min` and `max` (strings, when some are pending) their '
                   'smallest and greatest ids, `consumers` (`a{sx}`) the number each '
                   'consumer has pending',
        'info': 'the sections (`a{sa{ss}}`): each section\'s name (`Server`, `Memory` …; '
                'on a cluster `host:port/Server` …, of every node asked) and its fields',
        'libraries': 'one dictionary (`a{sv}`) per library: `library_name`, `engine`, '
                     '`functions` (`aa{sv}`, one per function: `name`, `description`, '
                     '`flags`)',
        'client_info': 'the connection\'s fields (`a{ss}`: `id`, `addr`, `name`, `db` …)',
        'client_list': 'an array of dictionaries (`aa{ss}`), one per connection, with the '
                       'fields of CLIENT INFO',
        'pending_entries': 'an array of dictionaries (`aa{sv}`), one per entry: `id` and '
                           '`consumer` (strings), `idle` (int64) the milliseconds since it '
                           'was last delivered, `deliveries` (int64) how many times it was '
                           'delivered',
        'xread': 'the entries of every stream, each knowing its stream',
        'scan': 'the elements of this step',
        'keyed': 'the elements popped',
        'keyed_scored': 'the members popped and their scores',
        'autoclaim': 'the entries claimed',
    }[kind]
    if binary and kind == 'hash':
        text += ', as a flat array of fields and values (#GBytes)'
    if decl.nullable and '%NULL' not in text:
        text += ', or %NULL with no error when there is none'
    return doc_wrap('Returns: %s%s' % (ann + ': ' if ann else '', text), ' * ', ' *   ')


def ret_type(decl, binary):
    kind = decl.reply_kind
    if binary and kind in BYTES_CONVERTERS:
        return REPLIES[kind][1]
    return REPLIES[kind][0]


def converter(decl, binary):
    kind = decl.reply_kind
    if binary and kind in BYTES_CONVERTERS:
        return BYTES_CONVERTERS[kind][0]
    return REPLIES[kind][2]


def convert_call(decl, binary, reply):
    conv = converter(decl, binary)
    if decl.reply_kind in OUT_ARGS:
        return '%s (%s, %s, error)' % (conv, reply, OUT_ARGS[decl.reply_kind][1])
    if decl.reply_kind in ('strv', 'strings', 'hash', 'scored', 'entries', 'ints', 'string',
                           'xread', 'doubles', 'dict', 'reply'):
        return '%s (%s, %s, error)' % (conv, reply, 'TRUE' if decl.nullable else 'FALSE')
    return '%s (%s, error)' % (conv, reply)


def out_param(decl):
    if decl.reply_kind in OUT_ARGS:
        t, n, ann, d = OUT_ARGS[decl.reply_kind]
        return [(t + '*', n, ann, d)]
    return []


def gen_builder(decl, binary, out, static):
    params = [(t, n) for t, n, _ in c_params(decl, binary)]
    body = []
    depth_stack = []
    for t in decl.tokens:
        if t == '[':
            depth_stack.append(len(body))
            body.append(None)
            continue
        if t == ']':
            start = depth_stack.pop()
            inner = body[start + 1:]
            del body[start:]
            # The group is sent when one of its arguments is set.
            conds = []
            for it in inner:
                if isinstance(it, tuple):
                    conds.append(it[1].is_set())
            inner_lines = []
            for it in inner:
                inner_lines += it[0] if isinstance(it, tuple) else [it]
            body.append('if (%s)' % ' || '.join(conds))
            body.append('  {' if len(inner_lines) > 1 else '')
            body += ['  ' + ('  ' if len(inner_lines) > 1 else '') + l for l in inner_lines]
            body.append('  }' if len(inner_lines) > 1 else '')
            continue
        if ':' in t:
            name = t.split(':', 1)[0]
            p = [p for p in decl.params if p.name == name][0]
            if depth_stack:
                body.append((p.add(binary), p))
            else:
                body += p.add(binary)
            continue
        body.append('_gredis_cmd_add (c, "%s");' % t)
    body = [b for b in body if b != '']
    first = body[0]
    assert first.startswith('_gredis_cmd_add (c, "')
    out.append('%svoid' % ('static ' if static else ''))
    out.append(format_proto('', builder_name(decl, binary), [('Cmd *', 'c')] + params).lstrip('\n'))
    out.append('{')
    out.append('  _gredis_cmd_init (c, %s);' % first[len('_gredis_cmd_add (c, '):-2])
    out += ['  ' + b for b in body[1:]]
    out.append('}')
    out.append('')


def gen_client(decl, binary, out):
    params = c_params(decl, binary)
    plist = [(t, n) for t, n, _ in params]
    args = ', '.join(n for _, n in plist)
    checks = []
    for p in decl.params:
        checks += p.checks(binary)
    name = fn_name(decl, binary)
    rtype = ret_type(decl, binary)
    fail = REPLIES[decl.reply_kind][3]
    outs = out_param(decl)
    callback_doc = [' * @cancellable: (nullable): a #GCancellable',
                    ' * @callback: (scope async): called when the reply is there, in the',
                    ' *   thread-default main context of the caller',
                    ' * @user_data: data for @callback']

    # _async
    out.append('/**')
    out.append(' * %s:' % fn_name(decl, binary, '_async'))
    out.append(' * @client: a #GredisClient')
    out += param_docs(decl, binary)
    out += callback_doc
    out.append(' *')
    out.append(doc_wrap(summary(decl, binary), ' * ', ' * '))
    out.append(' * Finish with %s().' % fn_name(decl, binary, '_finish'))
    out.append(' */')
    out.append(format_proto('void', fn_name(decl, binary, '_async'),
                            [('GredisClient *', 'client')] + plist +
                            [('GCancellable *', 'cancellable'),
                             ('GAsyncReadyCallback', 'callback'), ('gpointer', 'user_data')]))
    out.append('{')
    out.append('  Cmd c;')
    out.append('')
    out.append('  g_return_if_fail (GREDIS_IS_CLIENT (client));')
    for ch in checks:
        out.append('  g_return_if_fail (%s);' % ch)
    out.append('')
    out.append('  %s (&c%s);' % (builder_name(decl, binary), ', ' + args if args else ''))
    out.append('  _gredis_cmd_send_async (client, &c, %s, cancellable, callback, user_data);'
               % fn_name(decl, binary, '_async'))
    out.append('}')
    out.append('')

    # _finish
    out.append('/**')
    out.append(' * %s:' % fn_name(decl, binary, '_finish'))
    out.append(' * @client: a #GredisClient')
    out.append(' * @result: the #GAsyncResult')
    for t, n, ann, d in outs:
        out.append(doc_wrap('@%s: %s: %s' % (n, ann, d), ' * ', ' *   '))
    out.append(' * @error: return location for a #GError')
    out.append(' *')
    out.append(' * Finishes %s().' % fn_name(decl, binary, '_async'))
    out.append(' *')
    out.append(returns_doc(decl, binary))
    out.append(' */')
    out.append(format_proto(rtype.rstrip(), fn_name(decl, binary, '_finish'),
                            [('GredisClient *', 'client'), ('GAsyncResult *', 'result')] +
                            [(t, n) for t, n, _, _ in outs] + [('GError **', 'error')]))
    out.append('{')
    out.append('  GredisReply *reply = _gredis_client_send_finish (client, result, %s, error);'
               % fn_name(decl, binary, '_async'))
    out.append('')
    out.append('  return %s;' % convert_call(decl, binary, 'reply'))
    out.append('}')
    out.append('')

    # blocking
    out.append('/**')
    out.append(' * %s:' % name)
    out.append(' * @client: a #GredisClient')
    out += param_docs(decl, binary)
    for t, n, ann, d in outs:
        out.append(doc_wrap('@%s: %s: %s' % (n, ann, d), ' * ', ' *   '))
    out.append(' * @cancellable: (nullable): a #GCancellable')
    out.append(' * @error: return location for a #GError')
    out.append(' *')
    out.append(doc_wrap(summary(decl, binary) + ' Blocks; safe from any thread.', ' * ', ' * '))
    out.append(' *')
    out.append(returns_doc(decl, binary))
    out.append(' */')
    out.append(format_proto(rtype.rstrip(), name,
                            [('GredisClient *', 'client')] + plist +
                            [(t, n) for t, n, _, _ in outs] +
                            [('GCancellable *', 'cancellable'), ('GError **', 'error')]))
    out.append('{')
    out.append('  Cmd c;')
    out.append('')
    out.append('  g_return_val_if_fail (GREDIS_IS_CLIENT (client), %s);' % fail)
    for ch in checks:
        out.append('  g_return_val_if_fail (%s, %s);' % (ch, fail))
    out.append('')
    out.append('  %s (&c%s);' % (builder_name(decl, binary), ', ' + args if args else ''))
    out.append('  return %s;' % convert_call(decl, binary,
                                              '_gredis_cmd_send_sync (client, &c, cancellable, error)'))
    out.append('}')
    out.append('')


def gen_header_decls(decl, binary, out):
    params = [(t, n) for t, n, _ in c_params(decl, binary)]
    rtype = ret_type(decl, binary).rstrip()
    outs = [(t, n) for t, n, _, _ in out_param(decl)]
    for suffix, ps, rt in (
            ('_async', [('GredisClient *', 'client')] + params +
             [('GCancellable *', 'cancellable'), ('GAsyncReadyCallback', 'callback'),
              ('gpointer', 'user_data')], 'void'),
            ('_finish', [('GredisClient *', 'client'), ('GAsyncResult *', 'result')] + outs +
             [('GError **', 'error')], rtype),
            ('', [('GredisClient *', 'client')] + params + outs +
             [('GCancellable *', 'cancellable'), ('GError **', 'error')], rtype)):
        out.append('GREDIS_AVAILABLE_IN_ALL')
        proto = format_proto(rt, fn_name(decl, binary, suffix), ps, indent_decl=True)
        indent = len(rt) + (0 if rt.endswith('*') else 1)
        out.append(proto.replace('\n', '\n' + ' ' * indent) + ';')
    out.append('')


def adder_name(decl, binary):
    return 'gredis_pipeline_add_%s%s' % (decl.adder_name(), '_bytes' if binary else '')


def gen_adder(decl, binary, out):
    params = c_params(decl, binary)
    plist = [(t, n) for t, n, _ in params]
    args = ', '.join(n for _, n in plist)
    checks = []
    for p in decl.params:
        checks += p.checks(binary)
    out.append('/**')
    out.append(' * %s:' % adder_name(decl, binary))
    out.append(' * @pipeline: a #GredisPipeline')
    out += param_docs(decl, binary)
    out.append(' *')
    out.append(doc_wrap('Queues `%s`, as %s() sends it; read its result with '
                        'gredis_pipeline_get_reply() and the converters of #GredisReply.'
                        % (command_words(decl), fn_name(decl, binary)), ' * ', ' * '))
    out.append(' *')
    out.append(' * Returns: the index of the command\'s result')
    out.append(' */')
    out.append(format_proto('guint', adder_name(decl, binary),
                            [('GredisPipeline *', 'pipeline')] + plist))
    out.append('{')
    out.append('  Cmd c;')
    out.append('  guint result;')
    out.append('')
    out.append('  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), 0);')
    for ch in checks:
        out.append('  g_return_val_if_fail (%s, 0);' % ch)
    out.append('')
    out.append('  %s (&c%s);' % (builder_name(decl, binary), ', ' + args if args else ''))
    out.append('  result = gredis_pipeline_add_command_argv (pipeline, c.argc, c.argv, c.lengths);')
    out.append('  _gredis_cmd_clear (&c);')
    out.append('  return result;')
    out.append('}')
    out.append('')


def gen_adder_decl(decl, binary, out):
    params = [(t, n) for t, n, _ in c_params(decl, binary)]
    out.append('GREDIS_AVAILABLE_IN_ALL')
    proto = format_proto('guint', adder_name(decl, binary),
                         [('GredisPipeline *', 'pipeline')] + params, indent_decl=True)
    out.append(proto.replace('\n', '\n      ') + ';')


def forms(decls):
    for d in decls:
        yield d, False
        if d.binary:
            yield d, True


HEADER = '''/* %s: generated by build-aux/gredis-gen-commands.py from
 * build-aux/gredis-commands.decl; edit those, not this file.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
'''


def write_header(flags, decls):
    out = [HEADER % 'gredis-commands-generated.h', '#pragma once', '',
           '#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)',
           '#error "Only <gredis/gredis.h> can be included directly."', '#endif', '',
           '#include <gio/gio.h>', '#include <gredis/gredis-version-macros.h>',
           '#include <gredis/gredis-client.h>', '#include <gredis/gredis-reply-types.h>', '',
           'G_BEGIN_DECLS', '']
    group = None
    for d, b in forms(decls):
        if d.group != group:
            group = d.group
            out.append('/* %s */' % group)
            out.append('')
        gen_header_decls(d, b, out)
    out.append('G_END_DECLS')
    return '\n'.join(out) + '\n'


def write_client(flags, decls):
    out = [HEADER % 'gredis-client-commands-generated.c',
           '#include "gredis-private.h"', '#include "gredis-client-private.h"',
           '#include "gredis-client-commands-private.h"', '#include "gredis-commands-builders-private.h"', '']
    for f in flags.values():
        out.append('static const CmdFlag %s_words[] = {' % f.prefix)
        for w in f.words:
            out.append('  { %s_%s, "%s" },' % (f.enum_prefix, w.replace('-', '_'), w))
        out.append('};')
        out.append('')
    group = None
    for d, b in forms(decls):
        if d.group != group:
            group = d.group
            out.append('/* %s */' % group)
            out.append('')
        gen_builder(d, b, out, False)
        gen_client(d, b, out)
    return '\n'.join(out)


def write_builders_header(flags, decls):
    out = [HEADER % 'gredis-commands-builders-private.h', '#pragma once', '',
           '#include "gredis-client-commands-private.h"', '',
           'G_BEGIN_DECLS', '',
           '/* The argv of each typed helper, shared by the client and the pipeline. */']
    for d, b in forms(decls):
        params = [(t, n) for t, n, _ in c_params(d, b)]
        proto = format_proto('void', builder_name(d, b), [('Cmd *', 'c')] + params, indent_decl=True)
        out.append(proto.replace('\n', '\n     ') + ';')
    out.append('')
    out.append('G_END_DECLS')
    return '\n'.join(out) + '\n'


def write_pipeline_header(flags, decls):
    out = [HEADER % 'gredis-pipeline-commands.h', '#pragma once', '',
           '#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)',
           '#error "Only <gredis/gredis.h> can be included directly."', '#endif', '',
           '#include <gredis/gredis-commands.h>', '',
           'G_BEGIN_DECLS', '']
    for d, b in forms(decls):
        if d.options.get('adder') == '-':
            continue
        gen_adder_decl(d, b, out)
    out.append('')
    out.append('G_END_DECLS')
    return '\n'.join(out) + '\n'


def write_pipeline(flags, decls):
    out = [HEADER % 'gredis-pipeline-commands.c',
           '#include "gredis-private.h"', '#include "gredis-commands-builders-private.h"', '',
           '/* One adder per typed helper of GredisClient: the same argv, queued. */', '']
    for d, b in forms(decls):
        if d.options.get('adder') == '-':
            continue
        gen_adder(d, b, out)
    return '\n'.join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('decl')
    mode = ap.add_mutually_exclusive_group(required=True)
    for m in ('header', 'client', 'builders', 'pipeline-header', 'pipeline'):
        mode.add_argument('--' + m, dest='mode', action='store_const', const=m)
    ap.add_argument('-o', '--output')
    a = ap.parse_args()
    flags, decls = parse(a.decl)
    names = {}
    for d, b in forms(decls):
        n = fn_name(d, b)
        if n in names:
            sys.exit('%s:%d: %s is declared twice' % (a.decl, d.lineno, n))
        names[n] = d
    text = {
        'header': write_header,
        'client': write_client,
        'builders': write_builders_header,
        'pipeline-header': write_pipeline_header,
        'pipeline': write_pipeline,
    }[a.mode](flags, decls)
    if a.output:
        with open(a.output, 'w', encoding='utf-8') as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == '__main__':
    main()
