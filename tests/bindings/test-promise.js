// test-promise.js: the Promise forms that bindings/gjs/Gredis.js registers,
// on a redis-server of its own: every `*_async` function of the public
// headers has one, and they resolve to what the finish function returns
// or reject with its GLib.Error, for the client, pipelines, connections,
// locks, scripts, scan enumerators and pub/sub; and a null argv_lengths
// sends every argument. Run with `gjs -m`; prints TAP.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib?version=2.0';
import Gio from 'gi://Gio?version=2.0';
import GIRepository from 'gi://GIRepository?version=2.0';
import Gredis, {argvLengthsFilled, promiseForms, unpaired} from '../../bindings/gjs/Gredis.js';
import * as Tap from './gredis-tap.js';

const {test, assert, assertEqual, runAsync, runPromise} = Tap;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

let socketPath = null;

function newConfig() {
    const config = Gredis.Config.new();
    config.set_path(socketPath);
    config.set_command_timeout_ms(5000);
    return config;
}

function newClient() {
    return Gredis.Client.new(newConfig());
}

function bytes(string) {
    return new GLib.Bytes(encoder.encode(string));
}

// Every `gredis_*_async` declared in the public headers, the generated
// command header included: the list the typelib is checked against, so
// that a function the scanner skipped is caught too.
function declaredAsyncFunctions() {
    const dirs = [
        GLib.build_filenamev([GLib.getenv('G_TEST_SRCDIR'), '..', 'include', 'gredis']),
        GLib.build_filenamev([GLib.getenv('G_TEST_BUILDDIR'), '..', 'include', 'gredis']),
    ];
    const names = new Set();
    for (const dir of dirs) {
        const enumerator = Gio.File.new_for_path(dir).enumerate_children('standard::name',
            Gio.FileQueryInfoFlags.NONE, null);
        for (let info; (info = enumerator.next_file(null)) !== null;) {
            if (!info.get_name().endsWith('.h'))
                continue;
            const [, contents] = GLib.file_get_contents(GLib.build_filenamev([dir, info.get_name()]));
            for (const match of decoder.decode(contents).matchAll(/\b(gredis_\w+_async)\s*\(/g))
                names.add(match[1]);
        }
    }
    return names;
}

// The C symbol of each Promise form, from the typelib.
function promisedSymbols() {
    const repository = GIRepository.Repository.get_default();
    const symbols = new Set();
    for (const {owner, method} of promiseForms) {
        const info = owner === null
            ? repository.find_by_name('Gredis', method)
            : repository.find_by_name('Gredis', owner);
        let callable = info;
        if (owner !== null) {
            switch (info.get_type()) {
            case GIRepository.InfoType.OBJECT:
                callable = GIRepository.object_info_find_method(info, method);
                break;
            case GIRepository.InfoType.INTERFACE:
                callable = GIRepository.interface_info_find_method(info, method);
                break;
            default:
                callable = GIRepository.struct_info_find_method(info, method);
            }
        }
        symbols.add(GIRepository.function_info_get_symbol(callable));
    }
    return symbols;
}

test('every async function of the headers has a Promise form', () => {
    assertEqual(unpaired, [], 'async methods without a finish function');
    const declared = declaredAsyncFunctions();
    assert(declared.size > 300, `only ${declared.size} async functions found in the headers`);
    const promised = promisedSymbols();
    const missing = [...declared].filter(name => !promised.has(name)).sort();
    assertEqual(missing, [], 'async functions without a Promise form');
    for (const {owner, method} of promiseForms) {
        const target = owner === null ? Gredis : Gredis[owner].prototype;
        assert(typeof target[`_original_${method}`] === 'function', `${owner}.${method} not wrapped`);
    }
});

test('async functions whose finish function has a shorter name are paired with it', () => {
    const finishOf = (owner, method) =>
        promiseForms.find(f => f.owner === owner && f.method === method)?.finish;
    assertEqual(finishOf('Client', 'command_argv_async'), 'command_finish', 'command_argv');
    assertEqual(finishOf('Client', 'command_bytes_async'), 'command_finish', 'command_bytes');
    assertEqual(finishOf('Connection', 'send_command_bytes_async'), 'send_command_finish',
        'send_command_bytes');
    assertEqual(finishOf('Client', 'set_get_async'), 'set_get_finish', 'set_get');
    assertEqual(finishOf('Transport', 'connect_async'), 'connect_finish', 'interface method');
});

test('command, command_argv and command_bytes resolve to their replies', () => runPromise(async () => {
    const client = newClient();
    await client.command_async(['FLUSHALL'], null);
    const set = await client.command_async(['SET', 'k', 'promised'], null);
    assertEqual(set.get_text(), 'OK', 'SET');
    const argv = ['GET', 'k'];
    const got = await client.command_argv_async(argv, argv.map(a => a.length), null);
    assert(got instanceof Gredis.Reply, `not a reply: ${got}`);
    assertEqual(got.get_text(), 'promised', 'GET through command_argv_async');
    const binary = new Uint8Array([0x00, 0xff, 0x0d, 0x0a]);
    await client.command_bytes_async([bytes('SET'), bytes('b'), new GLib.Bytes(binary)], null);
    const back = await client.command_bytes_async([bytes('GET'), bytes('b')], null);
    assertEqual(Array.from(back.get_bytes().toArray()), Array.from(binary), 'binary value');
}));

test('a server error rejects with a GLib.Error', () => runPromise(async () => {
    const client = newClient();
    await client.command_async(['SET', 'text', 'abc'], null);
    let caught = null;
    try {
        await client.command_async(['INCR', 'text'], null);
    } catch (e) {
        caught = e;
    }
    assert(caught instanceof GLib.Error, `not a GLib.Error: ${caught}`);
    assert(caught.matches(Gredis.error_quark(), Gredis.Error.SERVER), `code ${caught.code}`);
    assert(caught.message.includes('not an integer'), caught.message);
}));

test('generated command wrappers resolve to their typed results', () => runPromise(async () => {
    const client = newClient();
    assertEqual(await client.set_async('typed', 'v', 0, Gredis.SetFlags.NONE, null), true, 'SET');
    assertEqual(await client.get_async('typed', null), 'v', 'GET');
    assertEqual(await client.get_async('missing', null), null, 'GET of a missing key');
    assertEqual(await client.incrby_async('counter', 5, null), 5, 'INCRBY');
}));

test('the callback form still works', () => {
    const client = newClient();
    const result = runAsync(cb => client.command_async(['PING'], null, cb));
    assertEqual(client.command_finish(result).get_text(), 'PONG', 'PING');
});

test('a null argv_lengths sends every argument', () => runPromise(async () => {
    for (const name of ['Client.command_argv', 'Client.command_argv_async',
        'Connection.send_command_async', 'Pipeline.add_command_argv'])
        assert(argvLengthsFilled.includes(name), `${name} not wrapped`);
    const client = newClient();
    assertEqual(client.command_argv(['SET', 'text', 'é'], null, null).get_text(), 'OK', 'SET');
    assertEqual((await client.command_argv_async(['STRLEN', 'text'], null, null)).get_integer(), 2,
        'STRLEN counts the UTF-8 bytes');
    const pipeline = Gredis.Pipeline.new(client, false);
    const i = pipeline.add_command_argv(['GET', 'text'], null);
    await pipeline.execute_async(null);
    assertEqual(pipeline.get_reply(i).get_text(), 'é', 'GET in a pipeline');
    const connection = Gredis.Connection.new_for_config(newConfig(), null);
    assertEqual((await connection.send_command_async(['ECHO', 'x'], null, null)).get_text(), 'x', 'ECHO');
    connection.close();
}));

test('pipelines and transactions', () => runPromise(async () => {
    const client = newClient();
    const pipeline = Gredis.Pipeline.new(client, false);
    const iSet = pipeline.add_set('p', '1');
    const iIncr = pipeline.add_incrby('p', 41);
    assertEqual(await pipeline.execute_async(null), true, 'executed');
    assertEqual(pipeline.get_reply(iSet).get_text(), 'OK', 'SET');
    assertEqual(pipeline.get_reply(iIncr).get_integer(), 42, 'INCRBY');

    const watched = Gredis.Pipeline.new(client, true);
    assertEqual(await watched.watch_async(['p'], null), true, 'WATCH');
    watched.add_incrby('p', 1);
    assertEqual(await watched.execute_async(null), true, 'EXEC');
    assertEqual(watched.get_reply(0).get_integer(), 43, 'INCRBY in MULTI');
}));

test('connections open and send commands', () => runPromise(async () => {
    // new_for_config() starts opening; commands wait for the handshake.
    const connection = Gredis.Connection.new_for_config(newConfig(), null);
    const reply = await connection.send_command_async(['ECHO', 'hello'], [4, 5], null);
    assertEqual(reply.get_text(), 'hello', 'ECHO');
    const echoed = await connection.send_command_bytes_async([bytes('ECHO'), bytes('bytes')], null);
    assertEqual(echoed.get_text(), 'bytes', 'ECHO through send_command_bytes_async');
    connection.close();
}));

test('locks, scripts and scan enumerators', () => runPromise(async () => {
    const client = newClient();
    const lock = Gredis.Lock.new(client, 'promise-lock', 10000);
    assertEqual(await lock.acquire_async(0, null), true, 'acquire');
    assertEqual(await lock.extend_async(20000, null), true, 'extend');
    assertEqual(await lock.release_async(null), true, 'release');

    const script = Gredis.Script.new("return redis.call('GET', KEYS[1]) .. ARGV[1]");
    assertEqual(await script.load_async(client, null), true, 'SCRIPT LOAD');
    await client.command_async(['SET', 'script', 'a'], null);
    const ran = await script.run_async(client, ['script'], ['b'], null);
    assertEqual(ran.get_text(), 'ab', 'EVALSHA');

    await client.command_async(['FLUSHALL'], null);
    await client.command_async(['MSET', 'scan:1', 'x', 'scan:2', 'y', 'other', 'z'], null);
    const enumerator = client.enumerate_keys('scan:*', 100, null);
    const keys = [];
    for (;;) {
        const batch = await enumerator.next_async(null);
        if (batch === null || batch.length === 0)
            break;
        keys.push(...batch.map(b => decoder.decode(b.toArray())));
    }
    assert(enumerator.is_finished(), 'finished');
    assertEqual(keys.sort(), ['scan:1', 'scan:2'], 'keys');
}));

test('pub/sub subscriptions', () => runPromise(async () => {
    const client = newClient();
    const pubsub = Gredis.PubSub.new(client);
    const messages = [];
    let resolveMessage;
    const message = new Promise(resolve => (resolveMessage = resolve));
    pubsub.connect('message', (_p, channel, _pattern, payload) => {
        messages.push([channel, decoder.decode(payload.toArray())]);
        resolveMessage();
    });
    assertEqual(await pubsub.subscribe_async(['promised'], null), true, 'SUBSCRIBE');
    assertEqual(await client.publish_async('promised', 'hi', null), 1, 'PUBLISH');
    await message;
    assertEqual(messages, [['promised', 'hi']], 'messages');
    assertEqual(await pubsub.unsubscribe_async(['promised'], null), true, 'UNSUBSCRIBE');
    pubsub.close();
}));

Tap.run('gredis-gjs-promise-', path => {
    socketPath = path;
});
