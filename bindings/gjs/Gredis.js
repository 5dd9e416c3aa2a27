// Gredis.js: the Gredis namespace for GJS, with a Promise form for each
// of its asynchronous methods.
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Importing this module walks the Gredis typelib and passes every
// method named `*_async` to Gio._promisify together with the `*_finish`
// method that completes it, so that a new asynchronous method gets its
// Promise form without a change here:
//
//     import Gredis from 'file:///usr/share/gredis-1/gjs/Gredis.js';
//
//     const reply = await client.command_async(['GET', 'key'], null);
//
// Called without a callback, such a method returns a Promise that
// resolves to what the finish function returns (without the leading
// `true` of a gboolean result with out arguments) or rejects with its
// GLib.Error; called with a callback, it behaves as before.
//
// The finish function of `x_y_async` is `x_y_finish` or, failing that,
// the nearest shorter stem's (`command_argv_async` and
// `command_bytes_async` end with `command_finish`), and it must take a
// GAsyncResult. An asynchronous method without one is listed in
// `unpaired` instead, which the tests require to be empty.
//
// It also lets `argv_lengths` be null (text arguments) wherever it comes
// with `argv`, which GJS alone turns into a call without arguments.

import GIRepository from 'gi://GIRepository?version=2.0';
import Gio from 'gi://Gio?version=2.0';
import Gredis from 'gi://Gredis?version=1.0';

const NAMESPACE = 'Gredis';

// The methods of an object, interface or record, and the functions of
// the namespace, as [owner name or null, GIFunctionInfo] pairs.
function* callables(repository) {
    const I = GIRepository.InfoType;
    const n = repository.get_n_infos(NAMESPACE);

    for (let i = 0; i < n; i++) {
        const info = repository.get_info(NAMESPACE, i);
        const name = info.get_name();
        let count, nth;

        switch (info.get_type()) {
        case I.FUNCTION:
            yield [null, info];
            continue;
        case I.OBJECT:
            count = GIRepository.object_info_get_n_methods;
            nth = GIRepository.object_info_get_method;
            break;
        case I.INTERFACE:
            count = GIRepository.interface_info_get_n_methods;
            nth = GIRepository.interface_info_get_method;
            break;
        case I.STRUCT:
        case I.BOXED:
            count = GIRepository.struct_info_get_n_methods;
            nth = GIRepository.struct_info_get_method;
            break;
        default:
            continue;
        }
        for (let j = 0; j < count(info); j++)
            yield [name, nth(info, j)];
    }
}

function takesAsyncResult(info) {
    for (let i = 0; i < GIRepository.callable_info_get_n_args(info); i++) {
        const type = GIRepository.arg_info_get_type(GIRepository.callable_info_get_arg(info, i));
        if (GIRepository.type_info_get_tag(type) !== GIRepository.TypeTag.INTERFACE)
            continue;
        const iface = GIRepository.type_info_get_interface(type);
        if (iface.get_namespace() === 'Gio' &&
            iface.get_name() === 'AsyncResult')
            return true;
    }
    return false;
}

// The finish function of `stem_async` among `finishers` (name → info).
function finishFor(asyncName, finishers) {
    const parts = asyncName.replace(/_async$/, '').split('_');
    for (let n = parts.length; n > 0; n--) {
        const info = finishers.get(`${parts.slice(0, n).join('_')}_finish`);
        if (info !== undefined && takesAsyncResult(info))
            return info.get_name();
    }
    return null;
}

// The position among the JavaScript arguments of each C argument of a
// callable, or -1 for those GJS fills in itself (array lengths, user data,
// destroy notifies) and for out arguments.
function jsPositions(info) {
    const n = GIRepository.callable_info_get_n_args(info);
    const hidden = new Set();
    for (let i = 0; i < n; i++) {
        const arg = GIRepository.callable_info_get_arg(info, i);
        const type = GIRepository.arg_info_get_type(arg);
        if (GIRepository.type_info_get_tag(type) === GIRepository.TypeTag.ARRAY)
            hidden.add(GIRepository.type_info_get_array_length(type));
        hidden.add(GIRepository.arg_info_get_closure(arg));
        hidden.add(GIRepository.arg_info_get_destroy(arg));
    }
    const positions = [];
    let position = 0;
    for (let i = 0; i < n; i++) {
        const arg = GIRepository.callable_info_get_arg(info, i);
        const visible = !hidden.has(i) &&
            GIRepository.arg_info_get_direction(arg) !== GIRepository.Direction.OUT;
        positions.push(visible ? position++ : -1);
    }
    return positions;
}

const encoder = new TextEncoder();

// `argv` and `argv_lengths` share their count, `argc`, and GJS takes it
// from the array it marshals last: a null `argv_lengths` (text arguments)
// would send no argument at all. Callables taking both get a wrapper that
// fills the byte length of each argument in when `argv_lengths` is null.
function fillArgvLengths(target, name, info) {
    const names = [];
    for (let i = 0; i < GIRepository.callable_info_get_n_args(info); i++)
        names.push(GIRepository.callable_info_get_arg(info, i).get_name());
    const positions = jsPositions(info);
    const argv = positions[names.indexOf('argv')];
    const lengths = positions[names.indexOf('argv_lengths')];
    if (argv === undefined || lengths === undefined || argv < 0 || lengths < 0)
        return false;

    const original = target[name];
    const wrapper = function (...args) {
        if (args[lengths] === null && Array.isArray(args[argv]))
            args[lengths] = args[argv].map(a => encoder.encode(a).length);
        return original.apply(this, args);
    };
    // Gio._promisify() tells a callback call by the number of arguments.
    Object.defineProperty(wrapper, 'length', {value: original.length});
    target[name] = wrapper;
    return true;
}

/**
 * The callables whose null `argv_lengths` this module fills in, as
 * `owner.method` strings.
 */
export const argvLengthsFilled = [];

/**
 * Every Promise form this module registered, as objects
 * `{owner, method, finish}` (`owner` is null for a namespace function).
 */
export const promiseForms = [];

/**
 * The `*_async` callables for which no finish function was found, as
 * `owner.method` strings; empty unless the typelib gained one that breaks
 * the naming rule.
 */
export const unpaired = [];

function promisifyAll() {
    const byOwner = new Map();
    for (const [owner, info] of callables(GIRepository.Repository.get_default())) {
        if (!byOwner.has(owner))
            byOwner.set(owner, new Map());
        byOwner.get(owner).set(info.get_name(), info);
    }

    for (const [owner, methods] of byOwner) {
        const target = owner === null ? Gredis : Gredis[owner]?.prototype;
        if (target === undefined)
            continue;
        for (const [name, info] of methods) {
            if (fillArgvLengths(target, name, info))
                argvLengthsFilled.push(`${owner ?? NAMESPACE}.${name}`);
        }
        for (const name of methods.keys()) {
            if (!name.endsWith('_async'))
                continue;
            const finish = finishFor(name, methods);
            if (finish === null) {
                unpaired.push(`${owner ?? NAMESPACE}.${name}`);
                continue;
            }
            Gio._promisify(target, name, finish);
            promiseForms.push({owner, method: name, finish});
        }
    }
}

promisifyAll();

export default Gredis;
