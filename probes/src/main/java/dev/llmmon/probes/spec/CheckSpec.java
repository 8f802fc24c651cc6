package dev.llmmon.probes.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * One check as written in a probe file.
 *
 * @param type   check type ({@code contains}, {@code json-schema}, or a user type from the SPI)
 * @param name   display name: the file's {@code name}, else {@code type#index} (1-based) so two checks of one type differ
 * @param config the whole check object as written, {@code type} included
 * @param line   1-based line of the check in its file
 */
public record CheckSpec(String type, String name, JsonNode config, int line) {
    public CheckSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
    }
}
