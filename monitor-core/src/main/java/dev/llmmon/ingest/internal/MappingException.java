package dev.llmmon.ingest.internal;

/**
 * The first record of a file lacks a source field that a mapping requires: the mapping does not fit the export.
 * Raised once, before any record of the file is used, naming the file, the field and the line.
 */
public final class MappingException extends IllegalArgumentException {
    private final String file;
    private final String field;
    private final long line;

    public MappingException(String file, long line, String field, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.field = field;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** The source field that is missing (a JSON pointer or column name). */
    public String field() {
        return field;
    }

    public long line() {
        return line;
    }
}
