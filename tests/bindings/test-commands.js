// test-commands.js: the generated typed helpers from GJS, on a
// redis-server of its own: each kind of result (string lists, lists with
// holes, hash tables, scored members, stream entries, number arrays,
// dictionaries, out arguments) under RESP2 and RESP3, which must agree,
// the lock and the stream consumer. A wrong transfer annotation aborts, a
// wrong element type fails the call. Run with `gjs -m`; prints TAP.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib?version=2.0';
import Gredis from 'gi://Gredis?version=1.0';
import * as Tap from './gredis-tap.js';

const {test, assert, assertEqual, runAsync} = Tap;

// Not UTF-8, with a NUL byte and a CRLF inside.
const BINARY = [0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x62, 0x00, 0xc3];

function bytes(array) {
    return new GLib.Bytes(new Uint8Array(array));
}

function data(value) {
    return value === null ? null : Array.from(value.toArray());
}

let socketPath = null;

function newClient(protocol = 3) {
    const config = Gredis.Config.new();
    config.set_path(socketPath);
    config.set_protocol(protocol);
    config.set_command_timeout_ms(5000);
    return Gredis.Client.new(config);
}

function command(client, ...argv) {
    return client.command(argv, null);
}

// Runs func(client) under RESP2 and RESP3; the results must agree.
function both(func) {
    const results = [2, 3].map(protocol => {
        const client = newClient(protocol);
        command(client, 'FLUSHALL');
        return JSON.stringify(func(client));
    });
    assertEqual(results[0], results[1], 'RESP2 and RESP3');
    return JSON.parse(results[0]);
}

const scored = members => members.map(m => [m.get_member(), m.get_score()]);
const entries = list => list.map(e => [e.get_stream(), e.get_id(),
    Array.from({length: e.get_n_fields()}, (_, i) => [e.get_field(i), e.get_value(i)])]);

test('lists, holes and out arguments', () => {
    const out = both(client => {
        client.rpush('l', ['a', 'b', 'c'], null);
        client.mset(['k', 'v'], null);
        const [step, cursor] = client.scan('0', 'k*', 100, null, null);
        return {
            lrange: client.lrange('l', 0, -1, null),
            mget: client.mget(['k', 'none'], null),
            scan: [step, cursor],
            lmpop: client.lmpop(['none', 'l'], 'LEFT', 2, null),
            blpop: client.blpop(['l'], 1, null),
            ints: client.smismember('none', ['a'], null),
        };
    });
    assertEqual(out.lrange, ['a', 'b', 'c'], 'lrange');
    assertEqual(out.mget, ['v', null], 'mget');
    assertEqual(out.scan, [['k'], '0'], 'scan');
    assertEqual(out.lmpop, [['a', 'b'], 'l'], 'lmpop');
    assertEqual(out.blpop, ['l', 'c'], 'blpop');
    assertEqual(out.ints, [0], 'smismember');
});

test('hashes', () => {
    const out = both(client => {
        client.hset('h', ['f1', 'v1', 'f2', 'v2'], null);
        return {
            hgetall: client.hgetall('h', null),
            withValues: client.hrandfield_with_values('h', 5, null),
        };
    });
    assertEqual(out.hgetall.f2, 'v2', 'hgetall');
    assertEqual(out.withValues.f1, 'v1', 'hrandfield_with_values');
});

test('sorted sets', () => {
    const out = both(client => {
        client.zadd_members('z', [1, 2.5], ['a', 'b'], Gredis.ZaddFlags.NONE, null);
        const range = scored(client.zrange_with_scores('z', '0', '-1', Gredis.ZrangeFlags.NONE, 0, 0, null));
        const [popped, key] = client.bzpopmin(['none', 'z'], 1, null);
        return {
            range,
            popped: [scored(popped), key],
            mscore: client.zmscore('z', ['b'], null),
            incr: client.zadd_incr('z', 1, 'b', Gredis.ZaddFlags.XX, null),
        };
    });
    assertEqual(out.range, [['a', 1], ['b', 2.5]], 'zrange_with_scores');
    assertEqual(out.popped, [[['a', 1]], 'z'], 'bzpopmin');
    assertEqual(out.mscore, [2.5], 'zmscore');
    assertEqual(out.incr, [true, 3.5], 'zadd_incr');
});

test('streams and dictionaries', () => {
    const out = both(client => {
        client.xadd('s', Gredis.XaddFlags.NONE, 0, null, '1-1', ['f', 'v'], null);
        client.xgroup_create('s', 'g', '0', Gredis.XgroupFlags.NONE, null);
        const xread = entries(client.xreadgroup('g', 'c', 0, -1, Gredis.XreadFlags.NONE, ['s'], ['>'], null));
        const [claimed, next] = client.xautoclaim('s', 'g', 'c', 0, '0-0', 0, null);
        return {
            xrange: entries(client.xrange('s', '-', '+', 0, null)),
            xread,
            claimed: [entries(claimed), next],
            length: client.xinfo_stream('s', null).recursiveUnpack().length,
            groups: client.xinfo_groups('s', null).recursiveUnpack().map(g => g.name),
        };
    });
    assertEqual(out.xrange, [[null, '1-1', [['f', 'v']]]], 'xrange');
    assertEqual(out.xread, [['s', '1-1', [['f', 'v']]]], 'xreadgroup');
    assertEqual(out.claimed, [[[null, '1-1', [['f', 'v']]]], '0-0'], 'xautoclaim');
    assertEqual(out.length, 1, 'xinfo_stream');
    assertEqual(out.groups, ['g'], 'xinfo_groups');
});

test('pipeline results and the lock', () => {
    const client = newClient();
    command(client, 'FLUSHALL');
    const p = Gredis.Pipeline.new(client, false);
    p.add_zadd('z', 1, 'm', Gredis.ZaddFlags.NONE);
    const i = p.add_zrange_with_scores('z', '0', '-1', Gredis.ZrangeFlags.NONE, 0, 0);
    assert(p.execute(null), 'execute');
    assertEqual(scored(p.get_reply(i).to_scored_members()), [['m', 1]], 'to_scored_members');

    const a = Gredis.Lock.new(client, 'lock', 60000);
    const b = Gredis.Lock.new(client, 'lock', 60000);
    assert(a.acquire(0, null), 'acquire');
    assert(!b.acquire(0, null), 'acquire held');
    const result = runAsync(cb => a.release_async(null, cb));
    assert(a.release_finish(result), 'release');
    assert(b.acquire(0, null), 'acquire released');
});
test('stream consumer and pending entries', () => {
    const admin = newClient();
    command(admin, 'FLUSHALL');
    admin.xgroup_create('jobs', 'g', '0', Gredis.XgroupFlags.MKSTREAM, null);
    const ids = [0, 1, 2, 3].map(n =>
        admin.xadd('jobs', Gredis.XaddFlags.NONE, 0, null, '*', ['n', `${n}`], null));
    const consumer = new Gredis.StreamConsumer({
        client: newClient(2), stream: 'jobs', group: 'g', consumer: 'js', block_ms: 100,
    });
    const seen = [];
    consumer.connect('entry', (self, entry) => {
        seen.push([entry.get_stream(), entry.get_id()]);
        // Odd numbers fail: they stay pending.
        return Number(entry.lookup('n')) % 2 === 0;
    });

    const loop = GLib.MainLoop.new(null, false);
    let timedOut = false;
    consumer.start();
    assert(consumer.running, 'running');
    const check = GLib.timeout_add(GLib.PRIORITY_DEFAULT, 10, () => {
        if (consumer.entries_processed < 4 || consumer.entries_acknowledged < 2)
            return GLib.SOURCE_CONTINUE;
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    const guard = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 60, () => {
        timedOut = true;
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    loop.run();
    GLib.source_remove(timedOut ? check : guard);
    consumer.stop();
    assert(!timedOut, 'timed out');
    assert(!consumer.running, 'stopped');

    assertEqual(seen, ids.map(id => ['jobs', id]), 'entries');
    assertEqual(consumer.entries_failed, 2, 'entries-failed');
    const summary = admin.xpending('jobs', 'g', null).recursiveUnpack();
    assertEqual([summary.pending, summary.min, summary.max, summary.consumers],
        [2, ids[1], ids[3], {js: 2}], 'xpending');
    const pending = admin.xpending_range('jobs', 'g', 0, '-', '+', 10, null, null).recursiveUnpack();
    assertEqual(pending.map(e => [e.id, e.consumer, e.deliveries]),
        [[ids[1], 'js', 1], [ids[3], 'js', 1]], 'xpending_range');
});

Tap.run('gredis-gjs-', path => {
    socketPath = path;
});
