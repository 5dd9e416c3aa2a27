// test-pipeline.js: pipelines, transactions, scripts and blocking commands
// from GJS, driving a GLib main loop, on a redis-server of its own (a Unix
// socket in a temporary directory).
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run with `gjs -m`; prints TAP. Also an example of the API from GJS.

import GLib from 'gi://GLib?version=2.0';
import Gredis from 'gi://Gredis?version=1.0';
import * as Tap from './gredis-tap.js';

const {test, assert, assertEqual, runAsync} = Tap;

let socketPath = null;

function newClient(protocol = 3, timeoutMs = 5000) {
    const config = Gredis.Config.new();
    config.set_path(socketPath);
    config.set_protocol(protocol);
    config.set_command_timeout_ms(timeoutMs);
    return Gredis.Client.new(config);
}

function command(client, ...argv) {
    return client.command(argv, null);
}

test('pipeline gives each command its result', () => {
    for (const protocol of [2, 3]) {
        const client = newClient(protocol);
        command(client, 'FLUSHALL');
        const pipeline = Gredis.Pipeline.new(client, false);
        const iSet = pipeline.add_set('s', 'text');
        const iBad = pipeline.add_command(['INCR', 's']);
        const iIncr = pipeline.add_incrby('n', 41);
        const result = runAsync(cb => pipeline.execute_async(null, cb));
        assert(pipeline.execute_finish(result), 'executed');
        assertEqual(pipeline.get_reply(iSet).get_text(), 'OK', 'SET');
        let caught = null;
        try {
            pipeline.get_reply(iBad);
        } catch (e) {
            caught = e;
        }
        assert(caught instanceof GLib.Error, `not a GLib.Error: ${caught}`);
        assert(caught.matches(Gredis.error_quark(), Gredis.Error.SERVER), 'code');
        assertEqual(pipeline.get_reply(iIncr).get_integer(), 41, 'INCRBY');
    }
});

test('queue-time error aborts the transaction', () => {
    const client = newClient();
    command(client, 'FLUSHALL');
    const pipeline = Gredis.Pipeline.new(client, true);
    pipeline.add_set('a', '1');
    pipeline.add_command(['GET']);
    const result = runAsync(cb => pipeline.execute_async(null, cb));
    let caught = null;
    try {
        pipeline.execute_finish(result);
    } catch (e) {
        caught = e;
    }
    assert(caught !== null && caught.matches(Gredis.error_quark(), Gredis.Error.EXECABORT),
        `not EXECABORT: ${caught}`);
    assertEqual(client.get('a', null), null, 'nothing ran');
});

test('transaction retries after a concurrent write', () => {
    const client = newClient();
    const writer = newClient();
    command(client, 'FLUSHALL');
    command(client, 'SET', 'counter', '1');
    const seen = [];
    const increment = (pipeline, watched) => {
        const value = watched.get_text();
        seen.push(value);
        if (seen.length <= 2)
            command(writer, 'INCRBY', 'counter', '100');
        pipeline.add_set('counter', String(Number(value) + 1));
        return true;
    };
    const result = runAsync(cb => client.transaction_async(['counter'], ['GET', 'counter'], 5,
        increment, null, cb));
    const done = client.transaction_finish(result);
    assertEqual(seen, ['1', '101', '201'], 'attempts');
    assertEqual(done.get_reply(0).get_text(), 'OK', 'SET');
    assertEqual(client.get('counter', null), '202', 'committed');
});

test('script runs after SCRIPT FLUSH', () => {
    const client = newClient();
    command(client, 'FLUSHALL');
    const script = Gredis.Script.new("return redis.call('INCRBY', KEYS[1], ARGV[1])");
    for (const expected of [5, 10]) {
        command(client, 'SCRIPT', 'FLUSH');
        const result = runAsync(cb => script.run_async(client, ['n'], ['5'], null, cb));
        assertEqual(script.run_finish(result).get_integer(), expected, 'INCRBY');
    }
});

test('BLPOP waits beside other commands', () => {
    const client = newClient(3, 300);
    command(client, 'FLUSHALL');
    const loop = GLib.MainLoop.new(null, false);
    let pings = 0, pingsBefore = -1, reply = null;
    client.command_async(['BLPOP', 'empty', '1'], null, (source, result) => {
        reply = source.command_finish(result);
        pingsBefore = pings;
        loop.quit();
    });
    for (let i = 0; i < 200; i++) {
        client.command_async(['PING'], null, (source, result) => {
            source.command_finish(result);
            pings++;
        });
    }
    loop.run();
    assert(reply !== null && reply.is_nil(), 'BLPOP timed out with nil');
    assertEqual(pingsBefore, 200, 'PINGs done while BLPOP waited');
});

Tap.run('gredis-gjs-', path => {
    socketPath = path;
});
