package dev.llmmon.internal;

/**
 * A location users write for a file or a classpath resource: {@code classpath:com/acme/probes} or
 * {@code classpath:x/y.yaml} names something on the classpath, anything else a path. The one parser of that
 * prefix (probe folders, bundled cassettes).
 */
public record Location(String text, boolean onClasspath) {
    /** The prefix of a classpath location. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    /** Parses {@code text}, stripped of surrounding blanks. */
    public static Location parse(String text) {
        String t = text.strip();
        return new Location(t, t.startsWith(CLASSPATH_PREFIX));
    }

    /** Whether {@code text} names a classpath location; {@code null} does not. */
    public static boolean isClasspath(String text) {
        return text != null && parse(text).onClasspath();
    }

    /** The resource name of a classpath location, without the prefix and leading slashes: {@code x/y.yaml}. */
    public String resourceName() {
        if (!onClasspath) {
            throw new IllegalStateException(text + " is not a " + CLASSPATH_PREFIX + " location");
        }
        return text.substring(CLASSPATH_PREFIX.length()).replaceAll("^/+", "");
    }

    /** The package a classpath folder location names: {@code classpath:com/acme/probes} is {@code com.acme.probes}. */
    public String packageName() {
        return resourceName().replace('/', '.');
    }
}
