// test-gredis.js: Gredis from GJS, against the fresh typelib
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run with `gjs -m`; prints TAP. Meson sets GI_TYPELIB_PATH,
// LD_LIBRARY_PATH and GREDIS_PLUGIN_PATH into the build tree.

import GLib from 'gi://GLib?version=2.0';
import GObject from 'gi://GObject?version=2.0';
import Gio from 'gi://Gio?version=2.0';
import Gredis from 'gi://Gredis?version=1.0';
import System from 'system';

const BUILTIN_BACKOFFS = ['none', 'constant', 'exponential', 'full-jitter', 'equal-jitter',
    'decorrelated-jitter', 'exponential-jitter'];

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

// A backoff policy written in JavaScript: failures · 500 µs.
const JsLinear = GObject.registerClass({
    GTypeName: 'GredisTestJsLinear',
    Implements: [Gredis.BackoffPolicy],
}, class JsLinear extends GObject.Object {
    _init(params = {}) {
        super._init(params);
        this.resets = 0;
    }

    vfunc_compute(failures) {
        return failures * 500;
    }

    vfunc_reset() {
        this.resets++;
    }
});

test('plugins_list', () => {
    const infos = Gredis.plugins_list(Gredis.PluginKind.BACKOFF_POLICY);
    const names = infos.map(i => i.get_name());
    for (const name of BUILTIN_BACKOFFS)
        assert(names.includes(name), `${name} not in ${names}`);
    assertEqual(names[0], 'exponential-jitter', 'default');
    for (const info of infos) {
        assertEqual(info.get_kind(), Gredis.PluginKind.BACKOFF_POLICY, 'kind');
        assert(info.get_filename().length > 0, 'filename');
    }
});

test('every built-in backoff by name', () => {
    for (const name of BUILTIN_BACKOFFS) {
        const policy = Gredis.BackoffPolicy.new_for_name(name);
        assert(policy instanceof Gredis.BackoffPolicy, name);
        assertEqual([policy.base, policy.cap], [8000, 512000], `${name} defaults`);
        policy.base = 1000;
        policy.cap = 100000;
        policy.seed = 42;
        const delays = [];
        for (let f = 1; f < 12; f++)
            delays.push(policy.compute(f));
        assert(delays.every(d => d >= 0 && d <= 100000), `${name}: ${delays}`);
        policy.reset();
        const again = [];
        for (let f = 1; f < 12; f++)
            again.push(policy.compute(f));
        assertEqual(again, delays, `${name} after reset`);
        if (name === 'constant')
            assert(delays.every(d => d === 1000), `${name}: ${delays}`);
        if (name === 'exponential')
            assertEqual(delays, delays.map((_, i) => Math.min(100000, 1000 * 2 ** (i + 1))), name);
    }
});

test('replies', () => {
    const one = Gredis.Reply.new_integer(1);
    assertEqual(one.get_integer(), 1, 'integer');
    assertEqual(one.to_string(), '(integer) 1\n', 'to_string');
    const two = Gredis.Reply.new_string(Gredis.ReplyKind.STRING, 'two');
    const nil = Gredis.Reply.new_nil();
    const arr = Gredis.Reply.new_aggregate(Gredis.ReplyKind.ARRAY, [one, two, nil]);
    assertEqual(arr.get_n_elements(), 3, 'n_elements');
    assertEqual(arr.get_element(1).get_kind(), Gredis.ReplyKind.STRING, 'element kind');
    assert(arr.get_element(2).is_nil(), 'nil element');
    assertEqual(arr.to_string(), '1) (integer) 1\n2) "two"\n3) (nil)\n', 'array to_string');
    assertEqual(arr.to_variant().recursiveUnpack(), [1, 'two', null], 'to_variant');

    const key = Gredis.Reply.new_string(Gredis.ReplyKind.STRING, 'key');
    const map = Gredis.Reply.new_aggregate(Gredis.ReplyKind.MAP, [key, Gredis.Reply.new_double(0.5)]);
    assertEqual(map.to_variant().recursiveUnpack(), {key: 0.5}, 'map to_variant');
    assertEqual(Gredis.Reply.new_boolean(true).to_variant().unpack(), true, 'boolean');
});

test('JS backoff registered by name, used through a Retry', () => {
    Gredis.plugins_register_type(Gredis.PluginKind.BACKOFF_POLICY, 'js-linear',
        JsLinear.$gtype, 5);
    const info = Gredis.plugins_lookup(Gredis.PluginKind.BACKOFF_POLICY, 'js-linear');
    assertEqual(info.get_filename(), '(application)', 'filename');

    const policy = Gredis.BackoffPolicy.new_for_name('js-linear');
    assert(policy instanceof JsLinear, 'instance of the JS class');
    assertEqual(policy.compute(3), 1500, 'compute');

    const retry = Gredis.Retry.new(policy, 4);
    assert(retry.get_backoff() === policy, 'same policy');
    assertEqual(retry.retries, 4, 'retries');
    assertEqual([1, 2, 4].map(f => retry.get_delay(f)), [500, 1000, 2000], 'delays');
    retry.reset();
    assertEqual(policy.resets, 1, 'resets');

    const conn = new GLib.Error(Gredis.error_quark(), Gredis.Error.CONNECTION, 'Connection lost.');
    assert(retry.should_retry(conn, 4), 'retry 4');
    assert(!retry.should_retry(conn, 5), 'no retry 5');
    const cancelled = new GLib.Error(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED, 'Cancelled.');
    assert(!retry.should_retry(cancelled, 1), 'cancelled');
    const proto = new GLib.Error(Gredis.error_quark(), Gredis.Error.PROTOCOL, 'Bad reply.');
    assert(!retry.should_retry(proto, 1), 'protocol');
    retry.add_error(Gredis.error_quark(), Gredis.Error.PROTOCOL);
    assert(retry.should_retry(proto, 1), 'protocol added');
});

test('missing plugin is a GLib.Error naming it', () => {
    let caught = null;
    try {
        Gredis.BackoffPolicy.new_for_name('no-such-backoff');
    } catch (e) {
        caught = e;
    }
    assert(caught instanceof GLib.Error, `not a GLib.Error: ${caught}`);
    assertEqual(GLib.quark_to_string(caught.domain), 'gredis-error-quark', 'domain');
    assert(caught.matches(Gredis.error_quark(), Gredis.Error.PLUGIN_NOT_FOUND), 'code');
    assert(caught.message.includes('no-such-backoff'), caught.message);
});

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
System.exit(failed > 0 ? 1 : 0);
