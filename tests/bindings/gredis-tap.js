// gredis-tap.js: what the GJS binding tests share: a list of tests, the
// assertions, a main loop run until a callback, and a runner that starts
// a throwaway redis-server on a Unix socket in a temporary directory and
// prints each test's result as TAP.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib?version=2.0';
import Gio from 'gi://Gio?version=2.0';
import System from 'system';

const tests = [];

export function test(name, func) {
    tests.push([name, func]);
}

export function assert(condition, message = 'assertion failed') {
    if (!condition)
        throw new Error(message);
}

export function assertEqual(actual, expected, what = '') {
    const a = JSON.stringify(actual), e = JSON.stringify(expected);
    if (a !== e)
        throw new Error(`${what}: expected ${e}, got ${a}`);
}

// Calls start(callback) and runs a main loop until callback ran; returns
// the result it got.
export function runAsync(start) {
    const loop = GLib.MainLoop.new(null, false);
    let got = null;
    start((source, result) => {
        got = result;
        loop.quit();
    });
    const timeout = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 20, () => {
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    loop.run();
    if (got !== null)
        GLib.source_remove(timeout);
    assert(got !== null, 'timed out');
    return got;
}

function startServer(directory, socketPath) {
    const server = Gio.Subprocess.new(['redis-server', '--port', '0', '--unixsocket', socketPath,
        '--save', '', '--appendonly', 'no', '--dir', directory],
    Gio.SubprocessFlags.STDOUT_SILENCE);
    for (let i = 0; i < 500 && !GLib.file_test(socketPath, GLib.FileTest.EXISTS); i++)
        GLib.usleep(10000);
    return server;
}

// Runs every test registered with test() against a server of their own,
// passing its socket to onSocket first, and exits.
export function run(prefix, onSocket) {
    const directory = GLib.dir_make_tmp(`${prefix}XXXXXX`);
    const socketPath = GLib.build_filenamev([directory, 'redis.sock']);
    const server = startServer(directory, socketPath);
    onSocket(socketPath);
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
    server.send_signal(15);
    server.wait(null);
    GLib.unlink(socketPath);
    GLib.rmdir(directory);
    System.exit(failed ? 1 : 0);
}

// Runs a main loop until the promise that start() returns settles; returns
// its value or throws its reason (for tests of the Promise forms).
export function runPromise(start) {
    const loop = GLib.MainLoop.new(null, false);
    let settled = false, value, reason = null;
    start().then(v => {
        value = v;
    }, e => {
        reason = e ?? new Error('rejected without a reason');
    }).finally(() => {
        settled = true;
        loop.quit();
    });
    const timeout = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 20, () => {
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    if (!settled)
        loop.run();
    if (settled)
        GLib.source_remove(timeout);
    assert(settled, 'timed out');
    if (reason !== null)
        throw reason;
    return value;
}
