// test-cluster.js: a cluster client (redis+cluster://) from GJS, blocking
// and driving a GLib main loop, on a local six-node cluster started by
// the test fixture's launcher (its path is the first argument).
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run with `gjs -m`; prints TAP. Also an example of the API from GJS.

import GLib from 'gi://GLib?version=2.0';
import Gio from 'gi://Gio?version=2.0';
import Gredis from 'gi://Gredis?version=1.0';
import System from 'system';

const WAIT_LIMIT_S = 20;
const N_KEYS = 60;
const tests = [];
function test(name, func) {
    tests.push([name, func]);
}

function assert(condition, message = 'assertion failed') {
    if (!condition)
        throw new Error(message);
}

function assertEqual(actual, expected, what = '') {
    const a = JSON.stringify(actual), e = JSON.stringify(expected);
    if (a !== e)
        throw new Error(`${what}: expected ${e}, got ${a}`);
}

let ports = [];

function clusterClient() {
    return Gredis.Client.new_for_uri(`redis+cluster://127.0.0.1:${ports[0]},127.0.0.1:${ports[1]}`);
}

function nodeClient(port) {
    return Gredis.Client.new_for_uri(`redis://127.0.0.1:${port}`);
}

// Runs the default main context until condition() holds.
function waitUntil(condition, what) {
    const context = GLib.MainContext.default();
    const deadline = GLib.get_monotonic_time() + WAIT_LIMIT_S * 1000000;
    while (!condition()) {
        assert(GLib.get_monotonic_time() < deadline, `timed out waiting for ${what}`);
        context.iteration(true);
    }
}

// Each key is on the primary that serves its slot (the others answer
// MOVED), and every primary has some: they were routed by slot.
function assertOnEveryPrimary(keys) {
    const counts = {};
    for (const port of ports) {
        const client = nodeClient(port);
        if (client.command(['ROLE'], null).get_element(0).get_text() !== 'master') {
            client.close();
            continue;
        }
        counts[port] = 0;
        for (const key of keys) {
            try {
                counts[port] += client.command(['EXISTS', key], null).get_integer();
            } catch (e) {
                assert(e.matches(Gredis.error_quark(), Gredis.Error.MOVED), `${e}`);
            }
        }
        client.close();
    }
    const values = Object.values(counts);
    assertEqual(values.reduce((a, b) => a + b, 0), keys.length, 'keys found on their primaries');
    assertEqual(values.length, 3, 'primaries');
    assert(values.every(n => n > 0), `keys per primary: ${JSON.stringify(counts)}`);
}

test('blocking over slots', () => {
    const client = clusterClient();
    const keys = [...Array(N_KEYS).keys()].map(i => `js:blocking:${i}`);
    keys.forEach((key, i) => assert(client.set(key, `value-${i}`, 0, Gredis.SetFlags.NONE, null)));
    keys.forEach((key, i) => assertEqual(client.get(key, null), `value-${i}`, key));
    assertEqual(client.command(['GET', keys[7]], null).get_text(), 'value-7', 'command');
    assertOnEveryPrimary(keys);
    client.close();
});

test('async over slots', () => {
    const client = clusterClient();
    const keys = [...Array(N_KEYS).keys()].map(i => `js:async:${i}`);
    let done = 0;
    for (const key of keys) {
        client.incrby_async(key, key.length, null, (source, result) => {
            assertEqual(source.incrby_finish(result), key.length, key);
            done++;
        });
    }
    waitUntil(() => done === keys.length, 'the INCRBYs');
    const values = new Map();
    for (const key of keys)
        client.get_async(key, null, (source, result) => values.set(key, source.get_finish(result)));
    waitUntil(() => values.size === keys.length, 'the GETs');
    for (const key of keys)
        assertEqual(values.get(key), `${key.length}`, key);
    assertOnEveryPrimary(keys);
    client.close();
});

test('bytes and hash tags', () => {
    const client = clusterClient();
    const binary = [0, 255, 13, 10];
    for (let i = 0; i < 12; i++) {
        const key = `js:bytes:${i}`;
        assert(client.set_bytes(key, new GLib.Bytes(new Uint8Array([...binary, i])), 0,
            Gredis.SetFlags.NONE, null));
        assertEqual([...client.get_bytes(key, null).toArray()], [...binary, i], key);
    }
    assert(client.mset(['js:{tag}a', '1', 'js:{tag}b', '2'], null));
    assertEqual(client.mget(['js:{tag}a', 'js:{tag}b', 'js:{tag}c'], null), ['1', '2', null], 'mget');
    let refused = false;
    try {
        client.mget(['js:bytes:0', 'js:bytes:1', 'js:bytes:2', 'js:bytes:3'], null);
    } catch (e) {
        assert(e.matches(Gredis.error_quark(), Gredis.Error.CROSSSLOT), `${e}`);
        refused = true;
    }
    assert(refused, 'a cross-slot MGET was accepted');
    client.close();
});

function startCluster(launcher) {
    const process = Gio.Subprocess.new([launcher],
        Gio.SubprocessFlags.STDIN_PIPE | Gio.SubprocessFlags.STDOUT_PIPE);
    const stdout = new Gio.DataInputStream({base_stream: process.get_stdout_pipe()});
    const [line] = stdout.read_line_utf8(null);
    const words = (line ?? '').split(' ');
    if (words[0] !== 'ready')
        throw new Error(`the cluster did not start: ${line}`);
    ports = words.slice(1).map(Number);
    return process;
}

if (ARGV.length < 1) {
    print('1..0 # SKIP the cluster launcher was not given');
    System.exit(0);
}
const cluster = startCluster(ARGV[0]);
print(`1..${tests.length}`);
let failed = 0;
tests.forEach(([name, func], i) => {
    try {
        func();
        print(`ok ${i + 1} - ${name}`);
    } catch (e) {
        failed++;
        print(`not ok ${i + 1} - ${name}`);
        for (const line of `${e}\n${e.stack ?? ''}`.split('\n'))
            print(`# ${line}`);
    }
});
cluster.get_stdin_pipe().close(null);
cluster.wait(null);
System.exit(failed ? 1 : 0);
