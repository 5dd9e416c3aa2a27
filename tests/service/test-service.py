#!/usr/bin/python3
# gredis-service from Python through Gio.DBusProxy (run by
# service-test-run, which provides the private bus). Prints TAP.
import sys

from gi.repository import Gio, GLib

NAME = 'org.gredis.Service1'
ERROR = 'org.gredis.Service1.Error.'

results = []


def check(name, condition, detail=''):
    results.append((name, bool(condition), detail))


proxy = Gio.DBusProxy.new_for_bus_sync(Gio.BusType.SESSION, Gio.DBusProxyFlags.NONE, None,
                                       NAME, '/org/gredis/Service1', NAME, None)


def execute(*argv):
    args = GLib.Variant('(aay)', ([a if isinstance(a, bytes) else a.encode() for a in argv],))
    return proxy.call_sync('Execute', args, Gio.DBusCallFlags.NONE, -1, None).unpack()[0]


def remote_error(func, *args):
    try:
        func(*args)
    except GLib.Error as e:
        return Gio.DBusError.get_remote_error(e)
    return None


# Every reply kind, through the variant mapping.
check('simple string', execute('SET', 'k', 'v') == 'OK')
check('string', execute('GET', 'k') == 'v')
check('binary string', (execute('SET', 'b', b'\xff\x00'), execute('GET', 'b'))[1] == [0xff, 0])
check('nil', execute('GET', 'missing') == [])
check('integer', execute('INCR', 'n') == 1)
execute('ZADD', 'z', '2.5', 'm')
check('double', execute('ZSCORE', 'z', 'm') == 2.5)
execute('RPUSH', 'l', 'a', 'b')
check('array', execute('LRANGE', 'l', '0', '-1') == ['a', 'b'])
execute('SADD', 's', 'x')
check('set', execute('SMEMBERS', 's') == ['x'])
execute('HSET', 'h', 'f', '1')
check('map', execute('HGETALL', 'h') == {'f': '1'})
check('boolean', execute('EVAL', 'redis.setresp(3); return true', '0') is True)
check('big number', execute('EVAL', "redis.setresp(3); return {big_number='123456789012345678901234567890'}",
                            '0') == '123456789012345678901234567890')
check('verbatim', execute('EVAL', "redis.setresp(3); return {verbatim_string={format='txt', string='hi'}}",
                          '0') == 'hi')

# Errors.
check('redis error', remote_error(execute, 'INCR', 'k') == ERROR + 'Redis')
for argv in (['FLUSHALL'], ['CONFIG', 'GET', 'port'], ['MULTI'], ['SELECT', '1'], ['SUBSCRIBE', 'c'],
             ['MONITOR'], ['CLIENT', 'KILL', 'x'], ['HELLO', '3'], ['SHUTDOWN']):
    check('denied ' + ' '.join(argv), remote_error(execute, *argv) == ERROR + 'Denied')
check('too large', remote_error(execute, 'SET', 'k', 'x' * 5000) == ERROR + 'TooLarge')

# ExecuteMany: one pipeline, a refused command in place as (ss).
many = proxy.call_sync('ExecuteMany', GLib.Variant('(aaay)', ([[b'INCR', b'n'], [b'INCR', b'k']],)),
                       Gio.DBusCallFlags.NONE, -1, None).unpack()[0]
check('execute many', many[0] == 2 and many[1][0] == 'server')

# Properties.
check('connection state', proxy.get_cached_property('ConnectionState').unpack() in ('ready', 'connecting'))

# Publish and Subscribe.
path = proxy.call_sync('Subscribe', GLib.Variant('(aay)', ([b'py-channel'],)), Gio.DBusCallFlags.NONE,
                       -1, None).unpack()[0]
sub = Gio.DBusProxy.new_for_bus_sync(Gio.BusType.SESSION, Gio.DBusProxyFlags.DO_NOT_LOAD_PROPERTIES, None,
                                     NAME, path, NAME + '.Subscription', None)
loop = GLib.MainLoop()
got = []


def on_signal(proxy, sender, signal, params):
    got.append((signal, bytes(params[0]), bytes(params[1])))
    loop.quit()


sub.connect('g-signal', on_signal)
receivers = proxy.call_sync('Publish', GLib.Variant('(ayay)', (b'py-channel', b'hello')),
                            Gio.DBusCallFlags.NONE, -1, None).unpack()[0]
check('publish', receivers == 1)
GLib.timeout_add_seconds(30, loop.quit)
loop.run()
check('message signal', got == [('Message', b'py-channel', b'hello')], repr(got))
sub.call_sync('Unsubscribe', None, Gio.DBusCallFlags.NONE, -1, None)



def metrics_count(name):
    """The count of db.client.operation.duration for @name without
    error in the service's Metrics property, read anew."""
    reply = proxy.call_sync('org.freedesktop.DBus.Properties.Get', GLib.Variant('(ss)', (NAME, 'Metrics')),
                            Gio.DBusCallFlags.NONE, -1, None).unpack()[0]
    return sum(series['count'] for series in reply.get('db.client.operation.duration', [])
               if series['attributes']['db.operation.name'] == name
               and 'error.type' not in series['attributes'])


# The service's client observes with `metrics` (service-test-run.c); the
# property follows at its next health check.
execute('SET', 'metrics-key', 'x')
context = GLib.MainContext.default()
deadline = GLib.get_monotonic_time() + 20 * 1000000
while metrics_count('SET') < 1 and GLib.get_monotonic_time() < deadline:
    context.iteration(False)
    GLib.usleep(50000)
check('metrics property', metrics_count('SET') >= 1)

print('1..%d' % len(results))
for i, (name, ok, detail) in enumerate(results, 1):
    print('%s %d - %s%s' % ('ok' if ok else 'not ok', i, name, (' # ' + detail) if detail and not ok else ''))
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
