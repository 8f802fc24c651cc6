package dev.llmmon.internal;

import java.io.InputStream;
import java.util.Properties;

/** llmmon's version, from the jar's Maven metadata ("dev" when run from classes). */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream(
                "/META-INF/maven/dev.llmmon/llmmon-core/pom.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (java.io.IOException e) {
            return "dev";
        }
    }
}
