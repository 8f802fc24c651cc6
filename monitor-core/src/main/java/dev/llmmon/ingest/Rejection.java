package dev.llmmon.ingest;

/** One rejected input, located by file and 1-based line (0 when the damage is not on one line). */
public record Rejection(RejectReason reason, String file, long line, String field, String message) {
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(file).append(':').append(line).append(": ").append(reason);
        if (field != null) {
            text.append(" (field '").append(field).append("')");
        }
        if (message != null) {
            text.append(": ").append(message);
        }
        return text.toString();
    }
}
