// gredis-service from GJS through Gio.DBusProxy (run by
// service-test-run, which provides the private bus). Prints TAP.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import System from 'system';

const NAME = 'org.gredis.Service1';
const ERROR = 'org.gredis.Service1.Error.';
const results = [];
const check = (name, ok, detail = '') => results.push([name, Boolean(ok), detail]);
const enc = new TextEncoder();

const proxy = Gio.DBusProxy.new_for_bus_sync(Gio.BusType.SESSION, Gio.DBusProxyFlags.NONE, null,
    NAME, '/org/gredis/Service1', NAME, null);

function bytes(a) {
    return a instanceof Uint8Array ? a : enc.encode(a);
}

function execute(...argv) {
    const args = new GLib.Variant('(aay)', [argv.map(bytes)]);
    return proxy.call_sync('Execute', args, Gio.DBusCallFlags.NONE, -1, null).get_child_value(0).get_variant();
}

function remoteError(func) {
    try {
        func();
    } catch (e) {
        return Gio.DBusError.get_remote_error(e);
    }
    return null;
}

check('simple string', execute('SET', 'k', 'v').deepUnpack() === 'OK');
check('string', execute('GET', 'k').deepUnpack() === 'v');
execute('SET', 'b', new Uint8Array([0xff, 0]));
check('binary string', execute('GET', 'b').get_type_string() === 'ay');
check('nil', execute('GET', 'missing').get_type_string() === 'as');
check('integer', execute('INCR', 'n').deepUnpack() === 1);
execute('ZADD', 'z', '2.5', 'm');
check('double', execute('ZSCORE', 'z', 'm').deepUnpack() === 2.5);
execute('RPUSH', 'l', 'a', 'b');
check('array', JSON.stringify(execute('LRANGE', 'l', '0', '-1').recursiveUnpack()) === '["a","b"]');
execute('HSET', 'h', 'f', '1');
check('map', execute('HGETALL', 'h').recursiveUnpack().f === '1');
check('boolean', execute('EVAL', 'redis.setresp(3); return true', '0').deepUnpack() === true);
check('redis error', remoteError(() => execute('INCR', 'k')) === `${ERROR}Redis`);
for (const argv of [['FLUSHALL'], ['CONFIG', 'GET', 'port'], ['MULTI'], ['SELECT', '1'], ['MONITOR'],
    ['CLIENT', 'TRACKING', 'ON'], ['AUTH', 'x']])
    check(`denied ${argv.join(' ')}`, remoteError(() => execute(...argv)) === `${ERROR}Denied`);
check('too large', remoteError(() => execute('SET', 'k', 'x'.repeat(5000))) === `${ERROR}TooLarge`);

// Publish and Subscribe.
const path = proxy.call_sync('Subscribe', new GLib.Variant('(aay)', [[bytes('js-channel')]]),
    Gio.DBusCallFlags.NONE, -1, null).deepUnpack()[0];
const sub = Gio.DBusProxy.new_for_bus_sync(Gio.BusType.SESSION, Gio.DBusProxyFlags.DO_NOT_LOAD_PROPERTIES,
    null, NAME, path, `${NAME}.Subscription`, null);
const loop = new GLib.MainLoop(null, false);
const got = [];
sub.connect('g-signal', (p, sender, signal, params) => {
    const [channel, message] = params.deepUnpack();
    got.push(`${signal} ${new TextDecoder().decode(channel)} ${new TextDecoder().decode(message)}`);
    loop.quit();
});
const receivers = proxy.call_sync('Publish', new GLib.Variant('(ayay)', [bytes('js-channel'), bytes('hello')]),
    Gio.DBusCallFlags.NONE, -1, null).deepUnpack()[0];
check('publish', receivers === 1);
GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 30, () => loop.quit());
loop.run();
check('message signal', got.length === 1 && got[0] === 'Message js-channel hello', JSON.stringify(got));
sub.call_sync('Unsubscribe', null, Gio.DBusCallFlags.NONE, -1, null);

print(`1..${results.length}`);
results.forEach(([name, ok, detail], i) =>
    print(`${ok ? 'ok' : 'not ok'} ${i + 1} - ${name}${!ok && detail ? ` # ${detail}` : ''}`));
System.exit(results.every(r => r[1]) ? 0 : 1);
