#!/usr/bin/python3
# test-commands.py: the generated typed helpers from Python (PyGObject), on
# a redis-server of its own.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Each kind of result the generator makes -- string lists, lists with
# holes, hash tables, scored members, stream entries, integer and double
# arrays, dictionaries, out arguments (cursors, keys) -- is called here
# under RESP2 and RESP3, and the two results must be equal: a wrong
# transfer annotation aborts the interpreter (MALLOC_CHECK_=2), a wrong
# element type fails the call. Also the reply converters on pipeline
# results. Prints TAP.

import importlib.util
import math
import os
import sys

import gredis_tap
import gi

gi.require_version('GLib', '2.0')
gi.require_version('GIRepository', '2.0')
gi.require_version('Gredis', '1.0')
from gi.repository import GIRepository, GLib, Gredis  # noqa: E402

TESTS = []
SOCKET = None
BINARY = b'\x00\xff\r\nbin\x00ary'


def test(func):
    TESTS.append(func)
    return func


def new_client(protocol):
    config = Gredis.Config.new()
    config.set_path(SOCKET)
    config.set_protocol(protocol)
    client = Gredis.Client.new(config)
    client.command(['FLUSHALL'], None)
    return client


def both(func):
    """Runs func(client) under RESP2 and RESP3; the results must agree."""
    results = [func(new_client(protocol)) for protocol in (2, 3)]
    assert results[0] == results[1], results
    return results[0]


def scored(members):
    return [(m.get_member(), m.get_score()) for m in members]


def entries(items):
    return [(e.get_stream(), e.get_id(),
             [(e.get_field(i), e.get_value(i)) for i in range(e.get_n_fields())])
            for e in items]


def run_async(start):
    loop = GLib.MainLoop()
    got = []

    def callback(source, result, *args):
        got.append(result)
        loop.quit()

    start(callback)
    GLib.timeout_add_seconds(20, loop.quit)
    loop.run()
    assert got, 'timed out'
    return got[0]


@test
def lists_and_holes():
    def run(c):
        c.rpush('l', ['a', 'b', 'c'], None)
        c.mset(['k1', 'v1'], None)
        out = {
            'lrange': c.lrange('l', 0, -1, None),
            'lpop_count': c.lpop_count('l', 2, None),
            'rpop_count_empty': c.rpop_count('none', 2, None),
            'mget': c.mget(['k1', 'none'], None),
            'hmget': c.hmget('none', ['f'], None),
            'keys': c.keys('k*', None),
            'time': len(c.time(None)),
        }
        cursor = '0'
        seen = []
        while True:
            step, cursor = c.scan(cursor, None, 10, None, None)
            seen += step
            if cursor == '0':
                break
        out['scan'] = sorted(seen)
        c.rpush('l2', ['x', 'y'], None)
        out['lmpop'] = c.lmpop(['none', 'l2'], 'RIGHT', 5, None)
        out['blpop'] = c.blpop(['l'], 1, None)
        out['blpop_timeout'] = c.blpop(['none'], 0.05, None)
        return out

    out = both(run)
    assert out['lrange'] == ['a', 'b', 'c'], out
    assert out['lpop_count'] == ['a', 'b']
    # NULL: None or [] as the PyGObject version has it.
    assert not out['rpop_count_empty'], out
    assert out['mget'] == ['v1', None]
    assert out['hmget'] == [None]
    assert out['scan'] == ['k1', 'l'], out
    assert out['lmpop'] == (['y', 'x'], 'l2'), out['lmpop']
    assert out['blpop'] == ['l', 'c']
    assert not out['blpop_timeout']


@test
def hashes():
    def run(c):
        c.hset('h', ['f1', 'v1', 'f2', 'v2'], None)
        step, cursor = c.hscan('h', '0', None, 100, None)
        return {
            'hgetall': c.hgetall('h', None),
            'with_values': c.hrandfield_with_values('h', 5, None),
            'config': c.config_get('maxmemory-policy', None),
            'hscan': (sorted(step), cursor),
            'hgetall_bytes': sorted(v.get_data() for v in c.hgetall_bytes('h', None)),
        }

    out = both(run)
    assert out['hgetall'] == {'f1': 'v1', 'f2': 'v2'}, out
    assert out['with_values'] == out['hgetall']
    assert 'maxmemory-policy' in out['config']
    assert out['hscan'] == (['f1', 'f2', 'v1', 'v2'], '0')
    assert out['hgetall_bytes'] == [b'f1', b'f2', b'v1', b'v2']


@test
def sorted_sets():
    def run(c):
        c.zadd_members('z', [1.0, 2.5, 3.0], ['a', 'b', 'c'], Gredis.ZaddFlags.NONE, None)
        found, score = c.zadd_incr('z', 1.0, 'a', Gredis.ZaddFlags.XX, None)
        popped, key = c.bzpopmax(['none', 'z'], 1, None)
        return {
            'incr': (found, score),
            'range': scored(c.zrange_with_scores('z', '0', '-1', Gredis.ZrangeFlags.NONE, 0, 0, None)),
            'limit': scored(c.zrange_with_scores('z', '-inf', '+inf', Gredis.ZrangeFlags.BYSCORE,
                                                 0, 1, None)),
            'popmin': scored(c.zpopmin('z', 1, None)),
            'bzpopmax': (scored(popped), key),
            'mscore': [repr(v) for v in c.zmscore('z', ['b', 'none'], None)],
            'rank': c.zrank('z', 'b', None),
            'ints': list(c.smismember('none', ['a'], None)),
        }

    out = both(run)
    assert out['incr'] == (True, 2.0)
    # BZPOPMAX ran first and took c.
    assert out['range'] == [('a', 2.0), ('b', 2.5)], out
    assert out['limit'] == [('a', 2.0)]
    assert out['popmin'] == [('a', 2.0)]
    assert out['bzpopmax'] == ([('c', 3.0)], 'z')
    assert out['mscore'] == ['2.5', 'nan'], out['mscore']
    assert out['rank'] == (True, 0)
    assert out['ints'] == [0]


@test
def server_text_replies():
    def run(c):
        info = c.info('server', None).unpack()
        me = c.client_info(None).unpack()
        clients = c.client_list(None).unpack()
        c.function_load(Gredis.FunctionFlags.REPLACE,
                        "#!lua name=pylib\nredis.register_function('py_f', function() return 1 end)",
                        None)
        libraries = c.function_list('py*', None).unpack()
        return {
            'major': info['Server']['redis_version'].split('.')[0],
            'cmd': me['cmd'],
            'me_listed': any(client['id'] == me['id'] for client in clients),
            'libraries': [lib['library_name'] for lib in libraries],
            'functions': [f['name'] for f in libraries[0]['functions']],
        }

    out = both(run)
    assert out == {'major': '7', 'cmd': 'client|info', 'me_listed': True,
                   'libraries': ['pylib'], 'functions': ['py_f']}, out


@test
def streams():
    def run(c):
        c.xadd('s', Gredis.XaddFlags.NONE, 0, None, '1-1', ['f', 'v', 'g', 'w'], None)
        c.xgroup_create('s', 'grp', '0', Gredis.XgroupFlags.NONE, None)
        read = c.xreadgroup('grp', 'c1', 0, -1, Gredis.XreadFlags.NONE, ['s'], ['>'], None)
        claimed, start = c.xautoclaim('s', 'grp', 'c2', 0, '0-0', 10, None)
        info = c.xinfo_stream('s', None)
        groups = c.xinfo_groups('s', None)
        return {
            'xrange': entries(c.xrange('s', '-', '+', 0, None)),
            'xread': entries(c.xread(0, -1, ['s'], ['0'], None)),
            'xread_none': c.xread(0, -1, ['s'], ['9-9'], None),
            'xreadgroup': entries(read),
            'xautoclaim': (entries(claimed), start),
            'info_length': info.unpack()['length'],
            'groups': [g['name'] for g in groups.unpack()],
        }

    out = both(run)
    assert out['xrange'] == [(None, '1-1', [('f', 'v'), ('g', 'w')])], out
    assert out['xread'] == [('s', '1-1', [('f', 'v'), ('g', 'w')])]
    assert not out['xread_none']
    assert out['xreadgroup'] == out['xread']
    assert out['xautoclaim'] == (out['xrange'], '0-0')
    assert out['info_length'] == 1
    assert out['groups'] == ['grp']


@test
def geo_and_binary():
    def run(c):
        c.geoadd('g', Gredis.GeoaddFlags.NONE, 13.361389, 38.115556, 'Palermo', None)
        pos = list(c.geopos('g', ['Palermo', 'none'], None))
        c.rpush_bytes('b', [GLib.Bytes.new(BINARY)], None)
        c.xadd_bytes('s', Gredis.XaddFlags.NONE, 0, None, '1-1', ['f'], [GLib.Bytes.new(BINARY)], None)
        entry = c.xrange('s', '-', '+', 0, None)[0]
        c.zadd_members_bytes('z', [1.0], [GLib.Bytes.new(BINARY)], Gredis.ZaddFlags.NONE, None)
        member = c.zrange_with_scores('z', '0', '-1', Gredis.ZrangeFlags.NONE, 0, 0, None)[0]
        return {
            'pos': [round(p, 3) for p in pos[:2]] + [math.isnan(p) for p in pos[2:]],
            'hash': c.geohash('g', ['Palermo', 'none'], None),
            'lpop': [v.get_data() for v in c.lpop_count_bytes('b', 5, None)],
            'entry': entry.get_value_bytes(0).get_data(),
            'member': member.get_member_bytes().get_data(),
        }

    out = both(run)
    assert out['pos'] == [13.361, 38.116, True, True], out
    assert out['hash'] == ['sqc8b49rny0', None]
    assert out['lpop'] == [BINARY]
    assert out['entry'] == BINARY
    assert out['member'] == BINARY


@test
def async_pipeline_and_converters():
    def run(c):
        result = run_async(lambda cb: c.zrange_with_scores_async('none', '0', '-1',
                                                                 Gredis.ZrangeFlags.NONE, 0, 0,
                                                                 None, cb))
        empty = scored(c.zrange_with_scores_finish(result))
        result = run_async(lambda cb: c.scan_async('0', None, 0, None, None, cb))
        keys, cursor = c.scan_finish(result)
        p = Gredis.Pipeline.new(c, False)
        p.add_hset('h', ['f', 'v'])
        i_all = p.add_hgetall('h')
        p.add_zadd('z', 1.0, 'm', Gredis.ZaddFlags.NONE)
        i_z = p.add_zrange_with_scores('z', '0', '-1', Gredis.ZrangeFlags.NONE, 0, 0)
        p.add_xadd('s', Gredis.XaddFlags.NONE, 0, None, '1-1', ['f', 'v'])
        i_x = p.add_xrange('s', '-', '+', 0)
        i_l = p.add_lrange('none', 0, -1)
        p.execute(None)
        try:
            p.get_reply(i_all).to_scored_members()
            wrong = None
        except GLib.Error as e:
            wrong = e.matches(Gredis.error_quark(), Gredis.Error.PROTOCOL)
        return {
            'empty': empty,
            'scan': (keys, cursor),
            'hash': p.get_reply(i_all).to_hash_table(),
            'scored': scored(p.get_reply(i_z).to_scored_members()),
            'entries': entries(p.get_reply(i_x).to_stream_entries()),
            'strv': p.get_reply(i_l).to_strv(),
            'wrong': wrong,
        }

    out = both(run)
    assert out['empty'] == []
    assert out['scan'] == ([], '0')
    assert out['hash'] == {'f': 'v'}
    assert out['scored'] == [('m', 1.0)]
    assert out['entries'] == [(None, '1-1', [('f', 'v')])]
    assert out['strv'] == []
    assert out['wrong'] is True, out


@test
def lock():
    client = new_client(3)
    a = Gredis.Lock.new(client, 'lock', 60000)
    b = Gredis.Lock.new(client, 'lock', 60000)
    assert a.acquire(0, None)
    assert client.get('lock', None) == a.get_token()
    assert not b.acquire(0, None)
    assert not b.release(None)
    assert a.extend(90000, None)
    result = run_async(lambda cb: a.release_async(None, cb))
    assert a.release_finish(result)
    assert a.get_token() is None
    result = run_async(lambda cb: b.acquire_async(1000, None, cb))
    assert b.acquire_finish(result)
    assert b.release(None)


@test
def lock_loop():
    """Blocking calls give their connections back: a small pool serves
    any number of them."""
    config = Gredis.Config.new()
    config.set_path(SOCKET)
    config.set_option('max-connections', '2')
    config.set_option('pool-timeout-ms', '2000')
    client = Gredis.Client.new(config)
    lock = Gredis.Lock.new(client, 'lock:loop', 60000)
    for _ in range(50):
        assert lock.acquire(0, None)
        assert lock.release(None)


# What the typelib must say of the return value of each kind of reply:
# (type tag, array type or None, element type name or tag, transfer).
T = GIRepository.TypeTag
A = GIRepository.ArrayType
X = GIRepository.Transfer
RETURNS = {
    'int': (T.INT64, None, None, X.NOTHING),
    'bool': (T.BOOLEAN, None, None, X.NOTHING),
    'ok': (T.BOOLEAN, None, None, X.NOTHING),
    'double': (T.DOUBLE, None, None, X.NOTHING),
    'score': (T.BOOLEAN, None, None, X.NOTHING),
    'integer': (T.BOOLEAN, None, None, X.NOTHING),
    'string': (T.UTF8, None, None, X.EVERYTHING),
    'strv': (T.ARRAY, A.C, T.UTF8, X.EVERYTHING),
    'scan': (T.ARRAY, A.C, T.UTF8, X.EVERYTHING),
    'keyed': (T.ARRAY, A.C, T.UTF8, X.EVERYTHING),
    'strings': (T.ARRAY, A.PTR_ARRAY, T.UTF8, X.CONTAINER),
    'hash': (T.GHASH, None, T.UTF8, X.CONTAINER),
    'scored': (T.ARRAY, A.PTR_ARRAY, 'ScoredMember', X.CONTAINER),
    'keyed_scored': (T.ARRAY, A.PTR_ARRAY, 'ScoredMember', X.CONTAINER),
    'entries': (T.ARRAY, A.PTR_ARRAY, 'StreamEntry', X.CONTAINER),
    'xread': (T.ARRAY, A.PTR_ARRAY, 'StreamEntry', X.CONTAINER),
    'autoclaim': (T.ARRAY, A.PTR_ARRAY, 'StreamEntry', X.CONTAINER),
    'ints': (T.ARRAY, A.ARRAY, T.INT64, X.EVERYTHING),
    'doubles': (T.ARRAY, A.ARRAY, T.DOUBLE, X.EVERYTHING),
    'positions': (T.ARRAY, A.ARRAY, T.DOUBLE, X.EVERYTHING),
    'dict': (T.INTERFACE, None, 'Variant', X.EVERYTHING),
    'dicts': (T.INTERFACE, None, 'Variant', X.EVERYTHING),
    'pending': (T.INTERFACE, None, 'Variant', X.EVERYTHING),
    'pending_entries': (T.INTERFACE, None, 'Variant', X.EVERYTHING),
    'info': (T.INTERFACE, None, 'Variant', X.EVERYTHING),
    'libraries': (T.INTERFACE, None, 'Variant', X.EVERYTHING),
    'client_info': (T.INTERFACE, None, 'Variant', X.EVERYTHING),
    'client_list': (T.INTERFACE, None, 'Variant', X.EVERYTHING),
    'reply': (T.INTERFACE, None, 'Reply', X.EVERYTHING),
}
BYTES_RETURNS = {
    'string': (T.INTERFACE, None, 'Bytes', X.EVERYTHING),
    'strv': (T.ARRAY, A.PTR_ARRAY, 'Bytes', X.CONTAINER),
    'scan': (T.ARRAY, A.PTR_ARRAY, 'Bytes', X.CONTAINER),
    'keyed': (T.ARRAY, A.PTR_ARRAY, 'Bytes', X.CONTAINER),
    'strings': (T.ARRAY, A.PTR_ARRAY, 'Bytes', X.CONTAINER),
    'hash': (T.ARRAY, A.PTR_ARRAY, 'Bytes', X.CONTAINER),
}


def type_name(t):
    tag = GIRepository.type_info_get_tag(t)
    if tag == T.INTERFACE:
        return GIRepository.BaseInfo.get_name(GIRepository.type_info_get_interface(t))
    return tag


def check_return(name, m, kind, nullable, binary):
    tag, array, element, transfer = (BYTES_RETURNS.get(kind) if binary else None) or RETURNS[kind]
    t = GIRepository.callable_info_get_return_type(m)
    got = GIRepository.type_info_get_tag(t)
    assert got == tag, (name, got, tag)
    if tag == T.INTERFACE:
        assert type_name(t) == element, (name, type_name(t), element)
    if array is not None:
        assert GIRepository.type_info_get_array_type(t) == array, name
        if array == A.C:
            assert GIRepository.type_info_is_zero_terminated(t), name
        assert type_name(GIRepository.type_info_get_param_type(t, 0)) == element, \
            (name, type_name(GIRepository.type_info_get_param_type(t, 0)), element)
    if tag == T.GHASH:
        for i in (0, 1):
            assert type_name(GIRepository.type_info_get_param_type(t, i)) == element, name
    assert GIRepository.callable_info_get_caller_owns(m) == transfer, \
        (name, GIRepository.callable_info_get_caller_owns(m), transfer)
    if nullable and tag not in (T.BOOLEAN,):
        assert GIRepository.callable_info_may_return_null(m), name


def check_args(name, m, gen, decl, binary, finish):
    args = {}
    for i in range(GIRepository.callable_info_get_n_args(m)):
        a = GIRepository.callable_info_get_arg(m, i)
        args[GIRepository.BaseInfo.get_name(a)] = a
    for out in gen.out_param(decl):
        a = args[out[1]]
        assert GIRepository.arg_info_get_direction(a) == GIRepository.Direction.OUT, name
        assert GIRepository.arg_info_is_optional(a), name
    if finish:
        return
    for p in decl.params:
        for ctype, cname, ann in p.c_params(binary):
            if cname.startswith('n_'):
                continue
            t = GIRepository.arg_info_get_type(args[cname])
            if 'array' in ann:
                assert GIRepository.type_info_get_tag(t) == T.ARRAY, (name, cname)
                if 'zero-terminated' in ann:
                    assert GIRepository.type_info_is_zero_terminated(t), (name, cname)
                else:
                    assert GIRepository.type_info_get_array_length(t) >= 0, (name, cname)
            if '(nullable)' in ann:
                assert GIRepository.arg_info_may_be_null(args[cname]), (name, cname)


@test
def annotations_of_every_helper():
    srcdir = os.environ.get('G_TEST_SRCDIR', os.path.join(os.path.dirname(__file__), '..'))
    build_aux = os.path.join(srcdir, '..', 'build-aux')
    spec = importlib.util.spec_from_file_location(
        'gen', os.path.join(build_aux, 'gredis-gen-commands.py'))
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    _, decls = gen.parse(os.path.join(build_aux, 'gredis-commands.decl'))
    repo = GIRepository.Repository.get_default()
    client = repo.find_by_name('Gredis', 'Client')
    pipeline = repo.find_by_name('Gredis', 'Pipeline')
    checked = 0
    for decl, binary in gen.forms(decls):
        base = decl.name + ('_bytes' if binary else '')
        for suffix in ('', '_finish'):
            m = GIRepository.object_info_find_method(client, base + suffix)
            assert m is not None, 'no gredis_client_%s%s in the typelib' % (base, suffix)
            check_return(base + suffix, m, decl.reply_kind, decl.nullable, binary)
            check_args(base + suffix, m, gen, decl, binary, suffix == '_finish')
            checked += 1
        assert GIRepository.object_info_find_method(client, base + '_async') is not None, base
        if decl.options.get('adder') != '-':
            adder = decl.options.get('adder', decl.name) + ('_bytes' if binary else '')
            assert GIRepository.object_info_find_method(pipeline, 'add_' + adder) is not None, adder
    assert checked > 500, checked


def set_socket(path):
    global SOCKET
    SOCKET = path


def main():
    return gredis_tap.run(TESTS, 'gredis-py-', set_socket)


if __name__ == '__main__':
    sys.exit(main())
