// test-pubsub.js: Gredis.PubSub from GJS, driving a GLib main loop, on a
// redis-server of its own (a Unix socket in a temporary directory), in
// RESP2 and RESP3.
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run with `gjs -m`; prints TAP. Also an example of the API from GJS.

import GLib from 'gi://GLib?version=2.0';
import Gredis from 'gi://Gredis?version=1.0';
import * as Tap from './gredis-tap.js';

const {test, assert, assertEqual} = Tap;

const WAIT_LIMIT_S = 20;
let socketPath = null;

function newClient(protocol) {
    const config = Gredis.Config.new();
    config.set_path(socketPath);
    config.set_protocol(protocol);
    return Gredis.Client.new(config);
}

// Runs the default main context until condition() holds, at most
// WAIT_LIMIT_S seconds.
function waitUntil(condition, what) {
    const context = GLib.MainContext.default();
    const deadline = GLib.get_monotonic_time() + WAIT_LIMIT_S * 1000000;
    while (!condition()) {
        assert(GLib.get_monotonic_time() < deadline, `timed out waiting for ${what}`);
        context.iteration(true);
    }
}

const decoder = new TextDecoder();

class Subscriber {
    constructor(protocol) {
        this.client = newClient(protocol);
        this.pubsub = Gredis.PubSub.new(this.client);
        this.messages = [];
        this.lost = 0;
        this.pubsub.connect('message', (pubsub, channel, pattern, payload) => {
            this.messages.push([channel, pattern, decoder.decode(payload.toArray())]);
        });
        this.pubsub.connect('messages-lost', () => this.lost++);
    }

    call(method, names) {
        let result = null;
        this.pubsub[`${method}_async`](names, null, (source, res) => {
            result = res;
        });
        waitUntil(() => result !== null, method);
        assert(this.pubsub[`${method}_finish`](result), `${method} failed`);
    }

    close() {
        this.pubsub.close();
        this.client.close();
    }
}

function publish(client, verb, channel, payload) {
    return client.command([verb, channel, payload], null).get_integer();
}

test('messages arrive in order', () => {
    for (const protocol of [2, 3]) {
        const sub = new Subscriber(protocol);
        const publisher = newClient(3);
        sub.call('subscribe', ['js']);
        sub.call('psubscribe', ['js.*']);
        assert(sub.pubsub.connected, 'connected');
        for (let i = 0; i < 200; i++)
            publisher.command_async(['PUBLISH', 'js', `m${i}`], null, null);
        publisher.command_async(['PUBLISH', 'js.x', 'last'], null, null);
        waitUntil(() => sub.messages.length >= 201, '201 messages');
        const expected = [];
        for (let i = 0; i < 200; i++)
            expected.push(['js', null, `m${i}`]);
        expected.push(['js.x', 'js.*', 'last']);
        assertEqual(sub.messages, expected, `RESP${protocol} messages`);
        sub.close();
        publisher.close();
    }
});

test('subscriptions come back after CLIENT KILL', () => {
    for (const protocol of [2, 3]) {
        const sub = new Subscriber(protocol);
        const publisher = newClient(3);
        sub.call('ssubscribe', ['shard']);
        assertEqual(publisher.command(['CLIENT', 'KILL', 'TYPE', 'pubsub'], null).get_integer(), 1,
            'killed');
        waitUntil(() => sub.lost === 1, 'messages-lost');
        assertEqual(publish(publisher, 'SPUBLISH', 'shard', 'back'), 1, 'receivers');
        waitUntil(() => sub.messages.length > 0, 'a message');
        assertEqual(sub.messages, [['shard', null, 'back']], 'messages');
        sub.close();
        publisher.close();
    }
});

test('message details tell shard, channel and pattern messages apart', () => {
    for (const protocol of [2, 3]) {
        const sub = new Subscriber(protocol);
        const publisher = newClient(3);
        const kinds = [];
        for (const detail of ['channel', 'pattern', 'shard']) {
            sub.pubsub.connect(`message::${detail}`, (pubsub, channel, pattern, payload) => {
                kinds.push([detail, channel, decoder.decode(payload.toArray())]);
            });
        }
        sub.call('subscribe', ['same']);
        sub.call('ssubscribe', ['same']);
        sub.call('psubscribe', ['sa*']);
        assertEqual(publish(publisher, 'SPUBLISH', 'same', 's'), 1, 'shard receivers');
        assertEqual(publish(publisher, 'PUBLISH', 'same', 'p'), 2, 'receivers');
        waitUntil(() => sub.messages.length >= 3, 'three messages');
        assertEqual(sub.messages, [['same', null, 's'], ['same', null, 'p'], ['same', 'sa*', 'p']],
            `RESP${protocol} messages`);
        assertEqual(kinds, [['shard', 'same', 's'], ['channel', 'same', 'p'], ['pattern', 'same', 'p']],
            `RESP${protocol} details`);
        sub.close();
        publisher.close();
    }
});

test('blocking subscribe and unsubscribe', () => {
    for (const protocol of [2, 3]) {
        const sub = new Subscriber(protocol);
        const publisher = newClient(3);
        assert(sub.pubsub.subscribe(['b1', 'b2'], null), 'subscribe');
        assertEqual(sub.pubsub.get_n_subscriptions(), 2, 'subscriptions');
        assert(sub.pubsub.unsubscribe(['b1'], null), 'unsubscribe');
        assertEqual(publish(publisher, 'PUBLISH', 'b1', 'no'), 0, 'receivers of b1');
        assertEqual(publish(publisher, 'PUBLISH', 'b2', 'yes'), 1, 'receivers of b2');
        waitUntil(() => sub.messages.length > 0, 'a message');
        assertEqual(sub.messages, [['b2', null, 'yes']], 'messages');
        sub.close();
        let error = null;
        try {
            sub.pubsub.subscribe(['b3'], null);
        } catch (e) {
            error = e;
        }
        assert(error !== null && error.matches(Gredis.error_quark(), Gredis.Error.CLOSED),
            `expected a CLOSED error, got ${error}`);
        publisher.close();
    }
});

Tap.run('gredis-gjs-', path => {
    socketPath = path;
});
