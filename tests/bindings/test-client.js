// test-client.js: what the client and the replies return to GJS, on a
// redis-server of its own (a Unix socket in a temporary directory).
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Every function that returns an array, a hash table or a boxed type is
// called here, so that a wrong transfer annotation shows (a double free
// aborts, a missing element type fails the call); also the plain text
// accessor of replies and the binary-safe (GBytes) forms of the typed
// helpers. Run with `gjs -m`; prints TAP.

import GLib from 'gi://GLib?version=2.0';
import Gio from 'gi://Gio?version=2.0';
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

test('reply text', () => {
    const encoder = new TextEncoder();
    assertEqual(Gredis.Reply.new_string(Gredis.ReplyKind.STRING, encoder.encode('héllo')).get_text(),
        'héllo', 'UTF-8 string');
    assertEqual(Gredis.Reply.new_string(Gredis.ReplyKind.SIMPLE_STRING, encoder.encode('OK')).get_text(),
        'OK', 'simple string');
    const binary = Gredis.Reply.new_string(Gredis.ReplyKind.STRING, new Uint8Array(BINARY));
    assertEqual(binary.get_text(), null, 'binary has no text');
    assertEqual(data(binary.get_bytes()), BINARY, 'binary bytes');
    assertEqual(Gredis.Reply.new_integer(3).get_text(), null, 'integer');
    assertEqual(Gredis.Reply.new_nil().get_text(), null, 'nil');
    assert(Gredis.Reply.prototype.get_string === undefined, 'get_string is for C only');
});

test('mget returns an array with nulls', () => {
    for (const protocol of [2, 3]) {
        const client = newClient(protocol);
        command(client, 'FLUSHALL');
        client.mset(['a', '1', 'c', 'три'], null);
        for (let i = 0; i < 200; i++)
            assertEqual(client.mget(['a', 'b', 'c'], null), ['1', null, 'три'], 'mget');
        const result = runAsync(cb => client.mget_async(['c', 'a', 'none'], null, cb));
        assertEqual(client.mget_finish(result), ['три', '1', null], 'mget_finish');
    }
});

test('lrange, smembers and zrange return string arrays', () => {
    for (const protocol of [2, 3]) {
        const client = newClient(protocol);
        command(client, 'FLUSHALL');
        client.rpush('l', ['x', 'y', 'z'], null);
        client.sadd('s', ['m'], null);
        client.zadd('z', 2, 'two', Gredis.ZaddFlags.NONE, null);
        client.zadd('z', 1, 'one', Gredis.ZaddFlags.NONE, null);
        for (let i = 0; i < 100; i++) {
            assertEqual(client.lrange('l', 0, -1, null), ['x', 'y', 'z'], 'lrange');
            assertEqual(client.smembers('s', null), ['m'], 'smembers');
            assertEqual(client.zrange('z', '0', '-1', Gredis.ZrangeFlags.NONE, null), ['one', 'two'], 'zrange');
        }
        assertEqual(client.lrange('none', 0, -1, null), [], 'empty lrange');
        let result = runAsync(cb => client.lrange_async('l', 1, 1, null, cb));
        assertEqual(client.lrange_finish(result), ['y'], 'lrange_finish');
        result = runAsync(cb => client.smembers_async('s', null, cb));
        assertEqual(client.smembers_finish(result), ['m'], 'smembers_finish');
        result = runAsync(cb => client.zrange_async('z', '0', '0', Gredis.ZrangeFlags.REV, null, cb));
        assertEqual(client.zrange_finish(result), ['two'], 'zrange_finish');
    }
});

test('hgetall returns a hash table', () => {
    for (const protocol of [2, 3]) {
        const client = newClient(protocol);
        command(client, 'FLUSHALL');
        client.hset('h', ['f', 'v', 'g', 'w'], null);
        for (let i = 0; i < 100; i++) {
            const table = client.hgetall('h', null);
            assertEqual([table['f'], table['g']], ['v', 'w'], 'hgetall');
        }
        const result = runAsync(cb => client.hgetall_async('h', null, cb));
        assertEqual(client.hgetall_finish(result)['f'], 'v', 'hgetall_finish');
    }
});

test('command table arrays and boxed types', () => {
    const commands = Gredis.command_table_list();
    assert(commands.length > 100, 'commands');
    assert(commands.some(c => c.get_name() === 'get'), 'get listed');
    const subcommands = Gredis.command_table_lookup('config').list_subcommands();
    assert(subcommands.some(s => s.get_name() === 'config|get'), 'config|get');
    assertEqual(subcommands[0].get_parent().get_name(), 'config', 'parent');
    const get = Gredis.command_table_lookup('get');
    assert(get.get_acl_categories().includes('@read'), 'categories');
    // GJS takes the length of both arrays from the last one, so a null
    // argv_lengths would make argc 0: the lengths are given.
    const argv = ['MSET', 'a', '1', 'b', '2'];
    for (let i = 0; i < 50; i++) {
        assertEqual(Array.from(Gredis.command_table_lookup('mset').get_keys(argv, argv.map(a => a.length))),
            [1, 3], 'keys');
    }
    assert(Gredis.Config.get_option_names().includes('host'), 'option names');
});

test('objects, replies and pipelines', () => {
    const client = newClient();
    command(client, 'FLUSHALL');
    const config = client.get_config();
    assertEqual(config.get_path(), socketPath, 'path');
    assert(config.get_endpoint() instanceof Gio.UnixSocketAddress, 'endpoint');
    assertEqual(config.dup().get_path(), socketPath, 'dup');
    assert(client.get_connection() instanceof Gredis.Connection, 'connection');
    command(client, 'HSET', 'map', 'field', '3');
    const map = command(client, 'HGETALL', 'map');
    assertEqual(map.get_kind(), Gredis.ReplyKind.MAP, 'map');
    assertEqual(map.get_element(0).get_text(), 'field', 'element');
    assertEqual(map.to_variant().recursiveUnpack(), {field: '3'}, 'variant');
    const error = Gredis.Reply.new_string(Gredis.ReplyKind.ERROR, new TextEncoder().encode('ERR nope'));
    assert(error.to_error().matches(Gredis.error_quark(), Gredis.Error.SERVER), 'to_error');
    const pipeline = Gredis.Pipeline.new(client, false);
    const i = pipeline.add_command(['PING']);
    const result = runAsync(cb => pipeline.execute_async(null, cb));
    assert(pipeline.execute_finish(result), 'executed');
    assertEqual(pipeline.get_reply(i).get_text(), 'PONG', 'PING');
    assert(Gredis.plugins_list(Gredis.PluginKind.PARSER).some(p => p.get_name() === 'resp3'), 'plugins');
});

test('binary-safe strings', () => {
    for (const protocol of [2, 3]) {
        const client = newClient(protocol);
        command(client, 'FLUSHALL');
        assert(client.set_bytes('k', bytes(BINARY), 0, Gredis.SetFlags.NONE, null), 'set_bytes');
        assertEqual(data(client.get_bytes('k', null)), BINARY, 'get_bytes');
        assertEqual(client.get_bytes('none', null), null, 'get_bytes of nothing');
        assertEqual(client.append_bytes('k', bytes([0]), null), BINARY.length + 1, 'append_bytes');
        assert(client.mset_bytes(['a', 'c'], [bytes(BINARY), bytes([0xff])], null), 'mset_bytes');
        for (let i = 0; i < 50; i++)
            assertEqual(client.mget_bytes(['a', 'b', 'c'], null).map(data), [BINARY, null, [0xff]], 'mget_bytes');
        const result = runAsync(cb => client.get_bytes_async('a', null, cb));
        assertEqual(data(client.get_bytes_finish(result)), BINARY, 'get_bytes_finish');
    }
});

test('binary-safe hashes, lists, sets and sorted sets', () => {
    const client = newClient();
    command(client, 'FLUSHALL');
    assertEqual(client.hset_bytes('h', ['f'], [bytes(BINARY)], null), 1, 'hset_bytes');
    assertEqual(data(client.hget_bytes('h', 'f', null)), BINARY, 'hget_bytes');
    assertEqual(client.hgetall_bytes('h', null).map(data), [[0x66], BINARY], 'hgetall_bytes');
    assertEqual(client.rpush_bytes('l', [bytes(BINARY), bytes([1])], null), 2, 'rpush_bytes');
    assertEqual(client.lrange_bytes('l', 0, -1, null).map(data), [BINARY, [1]], 'lrange_bytes');
    assertEqual(data(client.lpop_bytes('l', null)), BINARY, 'lpop_bytes');
    assertEqual(client.sadd_bytes('s', [bytes(BINARY)], null), 1, 'sadd_bytes');
    assert(client.sismember_bytes('s', bytes(BINARY), null), 'sismember_bytes');
    assertEqual(client.smembers_bytes('s', null).map(data), [BINARY], 'smembers_bytes');
    assertEqual(client.zadd_bytes('z', 2, bytes(BINARY), Gredis.ZaddFlags.NONE, null), 1, 'zadd_bytes');
    assertEqual(client.zscore_bytes('z', bytes(BINARY), null), [true, 2], 'zscore_bytes');
    assertEqual(client.zincrby_bytes('z', 1, bytes(BINARY), null), 3, 'zincrby_bytes');
    assertEqual(client.zrange_bytes('z', '0', '-1', Gredis.ZrangeFlags.NONE, null).map(data), [BINARY], 'zrange_bytes');
    const result = runAsync(cb => client.zrange_bytes_async('z', '0', '-1', Gredis.ZrangeFlags.NONE, null, cb));
    assertEqual(client.zrange_bytes_finish(result).map(data), [BINARY], 'zrange_bytes_finish');
});

Tap.run('gredis-gjs-', path => {
    socketPath = path;
});
