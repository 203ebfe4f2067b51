package dev.kiln.wire;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns values into data that may cross the wire, and back.
 *
 * <p>Worker side ({@link #toWire}): plain data (null, primitives and their boxes, String,
 * arrays, lists, sets, maps, BigInteger/BigDecimal, UUID, java.time) travels as itself;
 * enums and records travel as their class name plus components; anything else becomes a
 * {@link OpaqueValue} with its type name and {@code toString()}.
 *
 * <p>Host side ({@link #fromWire}): enums and records are rebuilt only when the host has
 * that enum or record class itself; otherwise they stay text. Nothing else named by the
 * worker is ever loaded.
 */
public final class ValueCodec {
    /**
     * Deepest nesting of containers (arrays, lists, sets, maps, records) converted as data;
     * deeper values become text. {@link WireCodec#MAX_DEPTH} is made to fit it.
     */
    public static final int MAX_VALUE_DEPTH = 32;
    /** Longest {@code toString()} kept for a {@link OpaqueValue}. */
    public static final int MAX_TEXT = 1 << 20;

    private ValueCodec() {}

    public static Object toWire(Object value) {
        if (value == null || isScalar(value)) {
            return value; // a call's usual answer: no map for the path
        }
        return toWire(value, 0, new IdentityHashMap<>());
    }

    private static Object toWire(Object v, int depth, IdentityHashMap<Object, Boolean> path) {
        if (v == null || isScalar(v)) {
            return v;
        }
        Class<?> c = v.getClass();
        if (c.isArray() && c.getComponentType().isPrimitive()) {
            return v;
        }
        if (depth >= MAX_VALUE_DEPTH) {
            return remote(v, "nested deeper than " + MAX_VALUE_DEPTH + " levels");
        }
        if (path.put(v, Boolean.TRUE) != null) {
            return new OpaqueValue(c.getName(), "(cycle: " + c.getSimpleName() + " contains itself)");
        }
        try {
            if (v instanceof String[] s) {
                return s.clone();
            }
            if (c.isArray()) {
                int n = Array.getLength(v);
                Object[] out = new Object[n];
                for (int i = 0; i < n; i++) {
                    out[i] = toWire(Array.get(v, i), depth + 1, path);
                }
                return out;
            }
            if (v instanceof Enum<?> e) {
                return new EnumValue(e.getDeclaringClass().getName(), e.name());
            }
            if (c.isRecord()) {
                RecordComponent[] rc = c.getRecordComponents();
                Object[] comps = new Object[rc.length];
                for (int i = 0; i < rc.length; i++) {
                    Object cv;
                    try {
                        rc[i].getAccessor().setAccessible(true);
                        cv = rc[i].getAccessor().invoke(v);
                    } catch (ReflectiveOperationException | RuntimeException ex) {
                        return remote(v, null);
                    }
                    comps[i] = toWire(cv, depth + 1, path);
                }
                return new RecordValue(c.getName(), comps, safeToString(v));
            }
            if (v instanceof List<?> l) {
                ArrayList<Object> out = new ArrayList<>(l.size());
                for (Object o : l) {
                    out.add(toWire(o, depth + 1, path));
                }
                return out;
            }
            if (v instanceof Set<?> s) {
                LinkedHashSet<Object> out = new LinkedHashSet<>();
                for (Object o : s) {
                    out.add(toWire(o, depth + 1, path));
                }
                return out;
            }
            if (v instanceof Collection<?> col) {
                ArrayList<Object> out = new ArrayList<>(col.size());
                for (Object o : col) {
                    out.add(toWire(o, depth + 1, path));
                }
                return out;
            }
            if (v instanceof Map<?, ?> m) {
                LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.put(toWire(e.getKey(), depth + 1, path), toWire(e.getValue(), depth + 1, path));
                }
                return out;
            }
            return remote(v, null);
        } catch (RuntimeException e) {
            // A collection whose iteration throws (concurrent modification, lazy views...).
            return remote(v, null);
        } finally {
            path.remove(v);
        }
    }

    /**
     * Whether turning {@code v} into data (and into jshell's display text) runs none of its own
     * code: null, strings, primitives and their boxes, the other scalar data types, arrays of
     * primitives and of strings. Anything else may run user code ({@code toString()}, a
     * collection's iteration, a record's accessors).
     */
    public static boolean isPlain(Object v) {
        return v == null
                || isScalar(v)
                || v instanceof String[]
                || (v.getClass().isArray() && v.getClass().getComponentType().isPrimitive());
    }

    private static boolean isScalar(Object v) {
        if (v instanceof String
                || v instanceof Boolean
                || v instanceof Character
                || v instanceof Integer
                || v instanceof Long
                || v instanceof Double
                || v instanceof Float
                || v instanceof Short
                || v instanceof Byte) {
            return true;
        }
        Class<?> c = v.getClass();
        for (Class<?> d : DataTypes.ALL) {
            if (d == c) {
                return true;
            }
        }
        return false;
    }

    private static OpaqueValue remote(Object v, String note) {
        String text = safeToString(v);
        return new OpaqueValue(v.getClass().getName(), note == null ? text : text + " (" + note + ")");
    }

    /** The object's {@code toString()}, never throwing, capped at {@link #MAX_TEXT} characters. */
    public static String safeToString(Object v) {
        String s;
        try {
            s = String.valueOf(v);
        } catch (Throwable t) {
            s = v.getClass().getName() + " (toString() threw " + t.getClass().getName() + ")";
        }
        if (s.length() > MAX_TEXT) {
            s = s.substring(0, MAX_TEXT) + "... (" + (s.length() - MAX_TEXT) + " more characters)";
        }
        return s;
    }

    /**
     * Host side: resolves enums and records the host has; values that stay in the worker
     * (opaque ones, and enums and records the host lacks) become what {@code opaque} makes of
     * them; everything else is returned as is.
     */
    public static Object fromWire(Object v, ClassLoader loader, Function<OpaqueValue, Object> opaque) {
        if (v instanceof OpaqueValue o) {
            return opaque.apply(o);
        }
        if (v instanceof EnumValue e) {
            return resolveEnum(e, loader, opaque);
        }
        if (v instanceof RecordValue r) {
            return resolveRecord(r, loader, opaque);
        }
        if (v instanceof Object[] a && !(v instanceof String[])) {
            for (int i = 0; i < a.length; i++) {
                a[i] = fromWire(a[i], loader, opaque);
            }
            return a;
        }
        if (v instanceof ArrayList<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) l;
            list.replaceAll(o -> fromWire(o, loader, opaque));
            return list;
        }
        if (v instanceof LinkedHashSet<?> s) {
            LinkedHashSet<Object> out = new LinkedHashSet<>();
            for (Object o : s) {
                out.add(fromWire(o, loader, opaque));
            }
            return out;
        }
        if (v instanceof LinkedHashMap<?, ?> m) {
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(fromWire(k, loader, opaque), fromWire(val, loader, opaque)));
            return out;
        }
        return v;
    }

    private static Object resolveEnum(EnumValue e, ClassLoader loader, Function<OpaqueValue, Object> opaque) {
        Class<?> c = hostClass(e.className(), loader);
        if (c != null && c.isEnum()) {
            for (Object constant : c.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(e.constant())) {
                    return constant;
                }
            }
        }
        return opaque.apply(new OpaqueValue(e.className(), e.constant()));
    }

    private static Object resolveRecord(RecordValue r, ClassLoader loader, Function<OpaqueValue, Object> opaque) {
        Object[] comps = r.components();
        for (int i = 0; i < comps.length; i++) {
            comps[i] = fromWire(comps[i], loader, opaque);
        }
        Class<?> c = hostClass(r.className(), loader);
        if (c != null && c.isRecord()) {
            RecordComponent[] rc = c.getRecordComponents();
            if (rc.length == comps.length) {
                Class<?>[] types = new Class<?>[rc.length];
                for (int i = 0; i < rc.length; i++) {
                    types[i] = rc[i].getType();
                }
                try {
                    Constructor<?> k = c.getDeclaredConstructor(types);
                    k.setAccessible(true);
                    return k.newInstance(comps);
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // Different shape on the host, or the components do not fit: keep it as text.
                }
            }
        }
        return opaque.apply(new OpaqueValue(r.className(), r.text()));
    }

    private static Class<?> hostClass(String name, ClassLoader loader) {
        try {
            // initialize=false: looking a class up never runs its static initializer.
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return null;
        }
    }
}
