package dev.kiln.wire;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Whether an object is a lambda that captures nothing: its class is a JDK-made lambda class
 * (synthetic, {@code $$Lambda} in its name) with no instance fields. Such an object has no
 * state, so its serialized form depends only on its class, and one deserialized instance
 * can serve every call that sends the same bytes.
 */
public final class CapturesNothing {
    private static final ClassValue<Boolean> CACHE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (!type.isSynthetic() || !type.getName().contains("$$Lambda") || type.getSuperclass() != Object.class) {
                return false;
            }
            for (Field f : type.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    return false;
                }
            }
            return true;
        }
    };

    private CapturesNothing() {}

    public static boolean test(Class<?> type) {
        return CACHE.get(type);
    }
}
