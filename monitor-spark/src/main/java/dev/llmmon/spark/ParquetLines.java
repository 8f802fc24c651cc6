package dev.llmmon.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Parquet with the native request-log schema, as native JSON lines: one line per row (so a rejection's line is the
 * row number), columns by name, a struct or map as an object, a list as an array, timestamps as ISO-8601 instants.
 * Core's native reader then validates each row exactly as it validates a JSONL line: no second set of rules.
 */
final class ParquetLines {
    private static final JsonFactory JSON = new JsonFactory();

    private ParquetLines() {
    }

    static boolean isParquet(String file) {
        return file.endsWith(".parquet");
    }

    /** Writes the rows of the Parquet file to a temporary JSONL file, which the caller deletes. */
    static Path toJsonLines(String file, Map<String, String> hadoopConf) throws IOException {
        Configuration conf = new Configuration();
        hadoopConf.forEach(conf::set);
        Path out = Files.createTempFile("llmmon-", ".jsonl");
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(Inputs.isLocal(file) && !file.startsWith("file:")
                        ? Path.of(file).toUri().toString() : file)).withConf(conf).build();
             Writer writer = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            Group row;
            while ((row = reader.read()) != null) {
                JsonGenerator json = JSON.createGenerator(writer);
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                writeGroup(json, row);
                json.flush();
                writer.write('\n');
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            throw e;
        }
        return out;
    }

    private static void writeGroup(JsonGenerator json, Group group) throws IOException {
        GroupType type = group.getType();
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation && type.getFieldCount() == 1) {
            json.writeStartObject();
            Group entries = group;
            int n = entries.getFieldRepetitionCount(0);
            for (int i = 0; i < n; i++) {
                Group entry = entries.getGroup(0, i);
                json.writeFieldName(entry.getValueToString(0, 0));
                writeValue(json, entry, 1, 0);
            }
            json.writeEndObject();
            return;
        }
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && type.getFieldCount() == 1) {
            json.writeStartArray();
            int n = group.getFieldRepetitionCount(0);
            for (int i = 0; i < n; i++) {
                Type element = type.getType(0);
                if (!element.isPrimitive() && element.asGroupType().getFieldCount() == 1) {
                    Group wrapper = group.getGroup(0, i); // the three-level list: repeated group { element }
                    if (wrapper.getFieldRepetitionCount(0) == 0) {
                        json.writeNull();
                    } else {
                        writeValue(json, wrapper, 0, 0);
                    }
                } else {
                    writeValue(json, group, 0, i);
                }
            }
            json.writeEndArray();
            return;
        }
        json.writeStartObject();
        for (int f = 0; f < type.getFieldCount(); f++) {
            int n = group.getFieldRepetitionCount(f);
            json.writeFieldName(type.getFieldName(f));
            if (n == 0) {
                json.writeNull(); // a null column is a null field, as in the JSON it came from
                continue;
            }
            if (type.getType(f).isRepetition(Type.Repetition.REPEATED)) {
                json.writeStartArray();
                for (int i = 0; i < n; i++) {
                    writeValue(json, group, f, i);
                }
                json.writeEndArray();
            } else {
                writeValue(json, group, f, 0);
            }
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Group group, int field, int index) throws IOException {
        Type type = group.getType().getType(field);
        if (!type.isPrimitive()) {
            writeGroup(json, group.getGroup(field, index));
            return;
        }
        PrimitiveType primitive = type.asPrimitiveType();
        LogicalTypeAnnotation annotation = primitive.getLogicalTypeAnnotation();
        switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN -> json.writeBoolean(group.getBoolean(field, index));
            case INT32 -> json.writeNumber(group.getInteger(field, index));
            case INT64 -> {
                long v = group.getLong(field, index);
                if (annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
                    Instant instant = switch (t.getUnit()) {
                        case MILLIS -> Instant.ofEpochMilli(v);
                        case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L),
                                Math.floorMod(v, 1_000_000L) * 1_000L);
                        case NANOS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L),
                                Math.floorMod(v, 1_000_000_000L));
                    };
                    json.writeString(instant.toString());
                } else {
                    json.writeNumber(v);
                }
            }
            case FLOAT -> json.writeNumber(group.getFloat(field, index));
            case DOUBLE -> json.writeNumber(group.getDouble(field, index));
            case INT96 -> json.writeString(int96(group.getInt96(field, index)).toString());
            default -> {
                Binary b = group.getBinary(field, index);
                json.writeString(b.toStringUsingUTF8());
            }
        }
    }

    /** Spark's legacy INT96 timestamp: nanos of the day (8 bytes, little endian), then the Julian day (4 bytes). */
    private static Instant int96(Binary value) {
        java.nio.ByteBuffer buf = value.toByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long nanos = buf.getLong();
        int julianDay = buf.getInt();
        long epochDay = julianDay - 2_440_588L;
        return Instant.ofEpochSecond(epochDay * 86_400L).plusNanos(nanos);
    }
}
