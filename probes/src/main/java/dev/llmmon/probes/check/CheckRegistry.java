package dev.llmmon.probes.check;

import dev.llmmon.probes.spi.Check;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/** The check types available: the built-in ones plus those found through {@link ServiceLoader} ({@link Check}). */
public final class CheckRegistry {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*");
    private final Map<String, Check> checks;

    private CheckRegistry(Map<String, Check> checks) {
        this.checks = Collections.unmodifiableMap(checks);
    }

    /** Built-ins plus the user checks visible to {@code loader}; a user type may not shadow a built-in one. */
    public static CheckRegistry load(ClassLoader loader) {
        Map<String, Check> map = new LinkedHashMap<>();
        for (Check c : BuiltinChecks.all()) {
            map.put(c.type(), c);
        }
        try {
            for (Check c : ServiceLoader.load(Check.class, loader)) {
                add(map, c);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load a check named in META-INF/services/" + Check.class.getName()
                    + ": " + e.getMessage(), e);
        }
        return new CheckRegistry(map);
    }

    /** Only the built-ins, plus the given checks (for tests and embedding). */
    public static CheckRegistry of(Check... extra) {
        Map<String, Check> map = new LinkedHashMap<>();
        for (Check c : BuiltinChecks.all()) {
            map.put(c.type(), c);
        }
        for (Check c : extra) {
            add(map, c);
        }
        return new CheckRegistry(map);
    }

    private static void add(Map<String, Check> map, Check c) {
        String type = c.type();
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalStateException(c.getClass().getName() + " has an invalid check type " + type
                    + " (lower case letters, digits and dashes)");
        }
        Check before = map.putIfAbsent(type, c);
        if (before != null && before.getClass() != c.getClass()) {
            throw new IllegalStateException("check type " + type + " is defined twice: by "
                    + before.getClass().getName() + " and " + c.getClass().getName());
        }
    }

    public Optional<Check> find(String type) {
        return Optional.ofNullable(checks.get(type));
    }

    public Map<String, Check> all() {
        return checks;
    }
}
