package dev.llmmon.ingest.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.ChangeEvent;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/** Reads change-event JSONL (shared/formats/logs.md §6), with the same rejection rules as the other readers. */
public final class ChangeEventReader {
    static final Set<String> KINDS = Set.of("deploy", "model_change", "prompt_change", "index_update", "config_change");

    public void read(InputStream in, String fileName, Consumer<ChangeEvent> sink, Rejections rejections)
            throws IOException {
        JsonFields.readObjects(in, fileName, rejections, ChangeEventReader::parse, sink);
    }

    private static ChangeEvent parse(JsonParser p) throws IOException, BadRecordException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new BadRecordException(RejectReason.NOT_AN_OBJECT, null, "line is not a JSON object");
        }
        Instant timestamp = null;
        String kind = null;
        String feature = null;
        String description = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "timestamp" -> timestamp = JsonFields.timestamp(p, v, name);
                case "kind" -> {
                    kind = JsonFields.requiredString(p, v, name);
                    if (!KINDS.contains(kind)) {
                        throw new BadRecordException(RejectReason.WRONG_TYPE, name, "unknown kind '"
                                + Values.abbreviate(kind) + "': use one of " + new java.util.TreeSet<>(KINDS));
                    }
                }
                case "feature_id" -> feature = JsonFields.optionalString(p, v, name);
                case "description" -> description = JsonFields.optionalString(p, v, name);
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw new JsonParseException(p, "trailing content after the JSON object");
        }
        JsonFields.require(timestamp, "timestamp");
        JsonFields.require(kind, "kind");
        return new ChangeEvent(timestamp, kind, feature, description);
    }
}
