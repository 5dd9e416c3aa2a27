// test-scan.js: Gredis.ScanEnumerator from GJS, on a redis-server of its
// own: SCAN, HSCAN, SSCAN and ZSCAN walked in a loop until the enumerator
// is finished, blocking and async, under RESP2 and RESP3 (which must
// agree), binary keys, MATCH, COUNT and TYPE, and a wrong type. A wrong
// transfer annotation aborts, a wrong element type fails the call. Run
// with `gjs -m`; prints TAP.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib?version=2.0';
import Gredis from 'gi://Gredis?version=1.0';
import * as Tap from './gredis-tap.js';

const {test, assert, assertEqual} = Tap;

// Not UTF-8, with a NUL byte and a CRLF inside.
const BINARY = [0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x62, 0x00, 0xc3];
const N_KEYS = 1100;
const decoder = new TextDecoder();

function bytes(array) {
    return new GLib.Bytes(new Uint8Array(array));
}

function text(value) {
    return decoder.decode(value.toArray());
}

let socketPath = null;

function newClient(protocol) {
    const config = Gredis.Config.new();
    config.set_path(socketPath);
    config.set_protocol(protocol);
    config.set_command_timeout_ms(5000);
    return Gredis.Client.new(config);
}

function fill(client) {
    client.command(['FLUSHALL'], null);
    const mset = ['MSET'];
    for (let i = 0; i < N_KEYS; i++)
        mset.push(`key:${String(i).padStart(4, '0')}`, String(i));
    client.command(mset, null);
    const hset = ['HSET', 'hash'];
    for (let i = 0; i < 600; i++)
        hset.push(`field:${i}`, `value:${i}`);
    client.command(hset, null);
    client.command(['SADD', 'set', ...Array.from({length: 300}, (_, i) => `m${i}`)], null);
    client.command(['ZADD', 'zset', '1.5', 'one', '-2', 'two', '3', 'three'], null);
    client.command_bytes([bytes([...'HSET'].map(c => c.charCodeAt(0))), bytes(BINARY),
        bytes(BINARY), bytes([0x76])], null);
}

// The batches of an enumerator, as a JavaScript iterator.
function* batches(enumerator, scored = false) {
    for (;;) {
        const batch = scored ? enumerator.next_scored(null) : enumerator.next(null);
        if (batch === null || batch.length === 0) {
            assert(enumerator.is_finished(), 'finished');
            return;
        }
        yield batch;
    }
}

function elements(enumerator) {
    const out = [];
    for (const batch of batches(enumerator))
        out.push(...batch.map(b => Array.from(b.toArray())));
    return out;
}

function textSet(enumerator) {
    return [...new Set(elements(enumerator).map(a => decoder.decode(new Uint8Array(a))))].sort();
}

function pairs(enumerator) {
    const flat = elements(enumerator).map(a => decoder.decode(new Uint8Array(a)));
    assert(flat.length % 2 === 0, 'pairs');
    const out = {};
    for (let i = 0; i < flat.length; i += 2)
        out[flat[i]] = flat[i + 1];
    return out;
}

// Runs func(client) under RESP2 and RESP3; the results must agree.
function both(func) {
    const results = [2, 3].map(protocol => {
        const client = newClient(protocol);
        fill(client);
        return JSON.stringify(func(client));
    });
    assertEqual(results[0], results[1], 'RESP2 and RESP3');
    return JSON.parse(results[0]);
}

test('every key, MATCH, COUNT and TYPE', () => {
    const out = both(client => {
        const all = client.enumerate_keys(null, 0, null);
        assert(all.get_kind() === Gredis.ScanKind.KEYS, 'kind');
        assert(!all.is_finished(), 'not finished');
        return {
            all: textSet(all),
            matched: textSet(client.enumerate_keys('key:00*', 5, null)),
            counted: textSet(client.enumerate_keys(null, 10000, null)).length,
            hashes: textSet(client.enumerate_keys(null, 0, 'hash')),
            nothing: client.enumerate_keys('nothing:*', 0, null).next(null),
        };
    });
    assertEqual(out.all.length, N_KEYS + 4, 'all');
    for (let i = 0; i < N_KEYS; i++)
        assert(out.all.includes(`key:${String(i).padStart(4, '0')}`), `key ${i}`);
    assertEqual(out.matched.length, 100, 'MATCH');
    assertEqual(out.counted, N_KEYS + 4, 'COUNT');
    assertEqual(out.hashes.length, 2, 'TYPE');
    assert(out.hashes.includes('hash'), 'TYPE hash');
    assert(out.nothing === null || out.nothing.length === 0, 'nothing');
});

test('hashes, sets and sorted sets', () => {
    const out = both(client => {
        const scored = [];
        for (const batch of batches(client.enumerate_sorted_set('zset', null, 0), true)) {
            for (const m of batch)
                scored.push([m.get_member(), m.get_score()]);
        }
        scored.sort();
        const hash = pairs(client.enumerate_hash('hash', null, 0));
        return {
            n_fields: Object.keys(hash).length,
            field42: hash['field:42'],
            members: textSet(client.enumerate_set('set', 'm1*', 20)),
            scored,
            asText: Object.entries(pairs(client.enumerate_sorted_set('zset', 't*', 0))).sort(),
        };
    });
    assertEqual(out.n_fields, 600, 'HSCAN');
    assertEqual(out.field42, 'value:42', 'HSCAN value');
    assertEqual(out.members.length, 111, 'SSCAN MATCH');
    assertEqual(out.scored, [['one', 1.5], ['three', 3], ['two', -2]], 'ZSCAN scored');
    assertEqual(out.asText, [['three', '3'], ['two', '-2']], 'ZSCAN text');
});

test('binary keys', () => {
    const client = newClient(3);
    fill(client);
    const keys = elements(client.enumerate_keys(null, 0, 'hash'));
    assert(keys.some(k => JSON.stringify(k) === JSON.stringify(BINARY)), 'binary key');
    const e = Gredis.ScanEnumerator.new(client, Gredis.ScanKind.HASH, bytes(BINARY), null, 0, null);
    assertEqual(Array.from(e.get_key().toArray()), BINARY, 'get_key');
    const flat = elements(e);
    assertEqual(flat, [BINARY, [0x76]], 'binary field');
});

test('async walk', () => {
    const client = newClient(2);
    fill(client);
    const e = client.enumerate_keys('key:*', 50, null);
    const loop = GLib.MainLoop.new(null, false);
    const seen = new Set();
    let error = null;
    const onNext = (source, result) => {
        let batch;
        try {
            batch = source.next_finish(result);
        } catch (err) {
            error = err;
            loop.quit();
            return;
        }
        if (batch === null || batch.length === 0) {
            loop.quit();
            return;
        }
        for (const b of batch)
            seen.add(text(b));
        source.next_async(null, onNext);
    };
    e.next_async(null, onNext);
    GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 30, () => {
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    loop.run();
    assert(error === null, `${error}`);
    assert(e.is_finished(), 'finished');
    assertEqual(seen.size, N_KEYS, 'async keys');
});

test('wrong type', () => {
    const client = newClient(3);
    fill(client);
    const e = client.enumerate_set('hash', null, 0);
    let error = null;
    try {
        e.next(null);
    } catch (err) {
        error = err;
    }
    assert(error !== null, 'no error');
    assert(error.matches(Gredis.error_quark(), Gredis.Error.WRONGTYPE), `${error}`);
    assert(!e.is_finished(), 'not finished');
});

Tap.run('gredis-gjs-scan-', path => {
    socketPath = path;
});
