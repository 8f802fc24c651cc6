package dev.llmmon.maven;

import java.lang.reflect.Field;

/** Sets a mojo's parameter field as Maven would inject it, so a goal's binding is tested without Maven. */
final class MojoFields {
    private MojoFields() {
    }

    static void set(Object target, String field, Object value) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(field);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException next) {
                // declared higher up
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("no field " + field);
    }
}
