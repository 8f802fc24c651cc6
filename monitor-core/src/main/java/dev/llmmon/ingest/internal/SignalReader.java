package dev.llmmon.ingest.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmmon.ingest.InputFiles;
import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.RejectedInputException;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.SignalType;
import dev.llmmon.record.UserSignal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/** Reads user-signal JSONL (shared/formats/logs.md §2). */
public final class SignalReader {

    public void read(InputStream in, String fileName, Consumer<UserSignal> sink, Rejections rejections)
            throws IOException {
        JsonFields.readObjects(in, fileName, rejections, SignalReader::parse, sink);
    }

    /**
     * Reads one signals file so that whatever goes wrong with it costs only that file, as a log file does: a file
     * that cannot be opened or whose reading fails part way becomes one {@link RejectReason#UNREADABLE_FILE}
     * rejection naming it (signals read before the failure stay). Strict mode still stops at it.
     */
    public void readFile(Path file, Consumer<UserSignal> sink, Rejections rejections) {
        long[] read = {0};
        try (InputStream in = InputFiles.open(file)) {
            read(in, file.toString(), s -> {
                read[0]++;
                sink.accept(s);
            }, rejections);
        } catch (RejectedInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            rejections.reject(RejectReason.UNREADABLE_FILE, file.toString(), 0, null, (read[0] == 0
                    ? "the signals file was not read: " : "reading stopped after " + read[0] + " signal(s): ") + what);
        }
    }

    private static UserSignal parse(JsonParser p) throws IOException, BadRecordException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new BadRecordException(RejectReason.NOT_AN_OBJECT, null, "line is not a JSON object");
        }
        String requestId = null;
        String sessionId = null;
        SignalType type = null;
        Instant timestamp = null;
        Map<String, String> metadata = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "request_id" -> requestId = JsonFields.requiredString(p, v, name);
                case "session_id" -> sessionId = JsonFields.optionalString(p, v, name);
                case "signal_type" -> {
                    String raw = JsonFields.requiredString(p, v, name);
                    type = SignalType.parse(raw).orElseThrow(() -> new BadRecordException(
                            RejectReason.UNKNOWN_SIGNAL_TYPE, "signal_type",
                            "unknown signal_type '" + Values.abbreviate(raw) + "'"));
                }
                case "timestamp" -> timestamp = JsonFields.timestamp(p, v, name);
                case "metadata" -> metadata = JsonFields.metadata(p, v);
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw new JsonParseException(p, "trailing content after the JSON object");
        }
        JsonFields.require(requestId, "request_id");
        JsonFields.require(type, "signal_type");
        return new UserSignal(requestId, sessionId, type, timestamp, metadata);
    }
}
