package dev.llmmon.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a collector's state as bytes and reads it back, for engines that ship partial states between machines
 * (Spark: one state per partition, merged on the driver). The state is walked by reflection: records through their
 * components, other classes field by field (static and {@code transient} fields are left out), and the JDK values
 * states are made of (strings, boxed numbers, enums, {@code BigInteger}, {@code Instant}, arrays, lists, sets,
 * maps, queues) by their content.
 *
 * <p>Why not Java serialization or Kryo: the collectors are not {@code Serializable} and should not have to be,
 * and Kryo cannot set the fields of Java records on Java 17. Why no hand-written format per collector: user
 * detectors bring their own collectors, which this reads too.
 *
 * <p>Objects the two sides already hold (the pricing table, the user-signal index, the aggregation options) are
 * not written but referred to as <em>externals</em>: an index into the list given to both {@link #encode} and
 * {@link #decode}. A class is rebuilt by its no-argument constructor when it has one (so that collections it
 * creates with a comparator keep it; they are then filled with the written content), otherwise without a
 * constructor. Lambdas and other values it cannot rebuild fail the encoding with the path of the field.
 * The bytes are for the same version of the classes on both sides, not for storage.
 */
public final class StateCodec {
    private static final int NULL = 0;
    private static final int EXTERNAL = 1;
    private static final int BACK_REFERENCE = 2;
    private static final int STRING = 3;
    private static final int LONG = 4;
    private static final int INT = 5;
    private static final int DOUBLE = 6;
    private static final int BOOLEAN = 7;
    private static final int OTHER_BOXED = 8;
    private static final int ENUM = 9;
    private static final int BIG_INTEGER = 10;
    private static final int BIG_DECIMAL = 11;
    private static final int INSTANT = 12;
    private static final int DURATION = 13;
    private static final int CLASS = 14;
    private static final int ARRAY = 15;
    private static final int COLLECTION = 16;
    private static final int MAP = 17;
    private static final int RECORD = 18;
    private static final int OBJECT = 19;

    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private StateCodec() {
    }

    /** The state as bytes; the {@code externals} (compared by identity) are written as references. */
    public static byte[] encode(Object state, List<?> externals) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 12);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            new Writer(out, externals).write(state, "state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The state written by {@link #encode}, with its external references resolved to these objects. */
    public static <T> T decode(byte[] bytes, Class<T> type, List<?> externals) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return type.cast(new Reader(in, externals).read());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Writer {
        private final DataOutputStream out;
        private final IdentityHashMap<Object, Integer> externals = new IdentityHashMap<>();
        private final IdentityHashMap<Object, Integer> seen = new IdentityHashMap<>();

        Writer(DataOutputStream out, List<?> externals) {
            this.out = out;
            for (int i = 0; i < externals.size(); i++) {
                this.externals.put(externals.get(i), i);
            }
        }

        void write(Object value, String path) throws IOException {
            if (value == null) {
                out.writeByte(NULL);
                return;
            }
            Integer external = externals.get(value);
            if (external != null) {
                out.writeByte(EXTERNAL);
                out.writeInt(external);
                return;
            }
            Class<?> type = value.getClass();
            if (value instanceof String s) {
                out.writeByte(STRING);
                writeString(s);
            } else if (value instanceof Long v) {
                out.writeByte(LONG);
                out.writeLong(v);
            } else if (value instanceof Integer v) {
                out.writeByte(INT);
                out.writeInt(v);
            } else if (value instanceof Double v) {
                out.writeByte(DOUBLE);
                out.writeDouble(v);
            } else if (value instanceof Boolean v) {
                out.writeByte(BOOLEAN);
                out.writeBoolean(v);
            } else if (value instanceof Short || value instanceof Byte || value instanceof Float
                    || value instanceof Character) {
                out.writeByte(OTHER_BOXED);
                writeString(type.getName());
                writeString(value.toString());
            } else if (value instanceof Enum<?> e) {
                out.writeByte(ENUM);
                writeString(e.getDeclaringClass().getName());
                writeString(e.name());
            } else if (value instanceof BigInteger v) {
                out.writeByte(BIG_INTEGER);
                writeBytes(v.toByteArray());
            } else if (value instanceof BigDecimal v) {
                out.writeByte(BIG_DECIMAL);
                writeString(v.toString());
            } else if (value instanceof Instant v) {
                out.writeByte(INSTANT);
                out.writeLong(v.getEpochSecond());
                out.writeInt(v.getNano());
            } else if (value instanceof Duration v) {
                out.writeByte(DURATION);
                out.writeLong(v.getSeconds());
                out.writeInt(v.getNano());
            } else if (value instanceof Class<?> c) {
                out.writeByte(CLASS);
                writeString(c.getName());
            } else if (type.isArray()) {
                writeArray(value, path);
            } else if (value instanceof Collection<?> c) {
                out.writeByte(COLLECTION);
                writeString(collectionKind(c, path));
                out.writeInt(c.size());
                int i = 0;
                for (Object element : c) {
                    write(element, path + "[" + i++ + "]");
                }
            } else if (value instanceof Map<?, ?> m) {
                out.writeByte(MAP);
                String kind = mapKind(m, path);
                writeString(kind);
                if (m instanceof EnumMap<?, ?>) {
                    writeString(enumKeyType(m, path));
                }
                out.writeInt(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    write(e.getKey(), path + ".key");
                    write(e.getValue(), path + "[" + e.getKey() + "]");
                }
            } else if (type.isRecord()) {
                out.writeByte(RECORD);
                writeString(type.getName());
                RecordComponent[] components = type.getRecordComponents();
                for (RecordComponent c : components) {
                    Method accessor = new Method(c);
                    write(accessor.get(value), path + "." + c.getName());
                }
            } else {
                Integer earlier = seen.get(value);
                if (earlier != null) {
                    out.writeByte(BACK_REFERENCE);
                    out.writeInt(earlier);
                    return;
                }
                refuseUnknown(type, path);
                seen.put(value, seen.size());
                out.writeByte(OBJECT);
                writeString(type.getName());
                for (Field f : fields(type)) {
                    try {
                        write(f.get(value), path + "." + f.getName());
                    } catch (IllegalAccessException e) {
                        throw new IllegalArgumentException("cannot read " + path + "." + f.getName(), e);
                    }
                }
            }
        }

        private void writeArray(Object array, String path) throws IOException {
            out.writeByte(ARRAY);
            Class<?> component = array.getClass().getComponentType();
            writeString(component.getName());
            if (component == double.class) {
                double[] a = (double[]) array;
                out.writeInt(a.length);
                for (double v : a) {
                    out.writeDouble(v);
                }
            } else if (component == long.class) {
                long[] a = (long[]) array;
                out.writeInt(a.length);
                for (long v : a) {
                    out.writeLong(v);
                }
            } else if (component == int.class) {
                int[] a = (int[]) array;
                out.writeInt(a.length);
                for (int v : a) {
                    out.writeInt(v);
                }
            } else if (component == byte.class) {
                writeBytes((byte[]) array);
            } else if (component == boolean.class) {
                boolean[] a = (boolean[]) array;
                out.writeInt(a.length);
                for (boolean v : a) {
                    out.writeBoolean(v);
                }
            } else if (component.isPrimitive()) {
                throw new IllegalArgumentException("cannot encode " + path + ": arrays of " + component);
            } else {
                Object[] a = (Object[]) array;
                out.writeInt(a.length);
                for (int i = 0; i < a.length; i++) {
                    write(a[i], path + "[" + i + "]");
                }
            }
        }

        private void writeString(String s) throws IOException {
            writeBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        private void writeBytes(byte[] b) throws IOException {
            out.writeInt(b.length);
            out.write(b);
        }
    }

    /** A record component's accessor, made accessible (records nested privately in their collector). */
    private record Method(java.lang.reflect.Method accessor) {
        Method(RecordComponent c) {
            this(accessible(c.getAccessor()));
        }

        private static java.lang.reflect.Method accessible(java.lang.reflect.Method m) {
            m.setAccessible(true);
            return m;
        }

        Object get(Object record) {
            try {
                return accessor.invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException("cannot read " + accessor, e);
            }
        }
    }

    private static String collectionKind(Collection<?> c, String path) {
        if (c instanceof PriorityQueue<?> || c instanceof ArrayDeque<?>) {
            return "queue";
        }
        if (c instanceof TreeSet<?> || c instanceof LinkedHashSet<?>) {
            return "sorted-set"; // a TreeSet made by a constructor keeps its comparator; otherwise insertion order
        }
        if (c instanceof Set<?>) {
            return "set";
        }
        if (c instanceof List<?>) {
            return "list";
        }
        throw new IllegalArgumentException("cannot encode " + path + ": a " + c.getClass().getName());
    }

    private static String mapKind(Map<?, ?> m, String path) {
        if (m instanceof EnumMap<?, ?>) {
            return "enum";
        }
        if (m instanceof TreeMap<?, ?> t) {
            return t.comparator() == null ? "tree" : "linked"; // a custom order comes from the constructor's map
        }
        if (m instanceof LinkedHashMap<?, ?>) {
            return "linked";
        }
        if (m instanceof HashMap<?, ?> || m instanceof ConcurrentHashMap<?, ?> || m.getClass().getName()
                .startsWith("java.util.ImmutableCollections") || m.getClass().getName()
                .startsWith("java.util.Collections$")) {
            return "hash";
        }
        throw new IllegalArgumentException("cannot encode " + path + ": a " + m.getClass().getName());
    }

    private static String enumKeyType(Map<?, ?> m, String path) {
        if (m.isEmpty()) {
            // an empty EnumMap does not tell its key type; it is rebuilt from the constructor's map or fails
            return "";
        }
        return ((Enum<?>) m.keySet().iterator().next()).getDeclaringClass().getName();
    }

    private static void refuseUnknown(Class<?> type, String path) {
        if (type.isSynthetic() || type.isHidden() || type.getName().contains("$$Lambda")) {
            throw new IllegalArgumentException("cannot encode " + path + ": a lambda or generated class ("
                    + type.getName() + "); give the collector a named class instead");
        }
        String name = type.getName();
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.")) {
            throw new IllegalArgumentException("cannot encode " + path + ": a " + name
                    + " (only strings, numbers, enums, instants, arrays, lists, sets and maps of the JDK)");
        }
    }

    /** Instance fields, superclass first, each class's in name order; accessible. */
    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                chain.add(0, c);
            }
            List<Field> out = new ArrayList<>();
            for (Class<?> c : chain) {
                Field[] declared = c.getDeclaredFields();
                java.util.Arrays.sort(declared, java.util.Comparator.comparing(Field::getName));
                for (Field f : declared) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || Modifier.isTransient(m)) {
                        continue;
                    }
                    f.setAccessible(true);
                    out.add(f);
                }
            }
            return List.copyOf(out);
        });
    }

    private static final class Reader {
        private final DataInputStream in;
        private final List<?> externals;
        private final List<Object> seen = new ArrayList<>();

        Reader(DataInputStream in, List<?> externals) {
            this.in = in;
            this.externals = externals;
        }

        Object read() throws IOException {
            return read(null, null);
        }

        /**
         * @param existing the value a constructor already put where this value goes, to fill rather than replace
         * @param field    the field the value goes into, or {@code null}: its declared type tells an empty
         *                 {@code EnumMap}'s key type
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object read(Object existing, Field field) throws IOException {
            int tag = in.readByte();
            switch (tag) {
                case NULL:
                    return null;
                case EXTERNAL:
                    return externals.get(in.readInt());
                case BACK_REFERENCE:
                    return seen.get(in.readInt());
                case STRING:
                    return readString();
                case LONG:
                    return in.readLong();
                case INT:
                    return in.readInt();
                case DOUBLE:
                    return in.readDouble();
                case BOOLEAN:
                    return in.readBoolean();
                case OTHER_BOXED: {
                    String type = readString();
                    String text = readString();
                    return switch (type) {
                        case "java.lang.Short" -> Short.valueOf(text);
                        case "java.lang.Byte" -> Byte.valueOf(text);
                        case "java.lang.Float" -> Float.valueOf(text);
                        default -> text.charAt(0);
                    };
                }
                case ENUM:
                    return Enum.valueOf((Class) type(readString()), readString());
                case BIG_INTEGER:
                    return new BigInteger(readBytes());
                case BIG_DECIMAL:
                    return new BigDecimal(readString());
                case INSTANT:
                    return Instant.ofEpochSecond(in.readLong(), in.readInt());
                case DURATION:
                    return Duration.ofSeconds(in.readLong(), in.readInt());
                case CLASS:
                    return type(readString());
                case ARRAY:
                    return readArray();
                case COLLECTION:
                    return readCollection(existing);
                case MAP:
                    return readMap(existing, field);
                case RECORD:
                    return readRecord();
                case OBJECT:
                    return readObject();
                default:
                    throw new IllegalArgumentException("not a llmmon state (tag " + tag + ")");
            }
        }

        private Object readArray() throws IOException {
            String component = readString();
            switch (component) {
                case "double": {
                    double[] a = new double[in.readInt()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = in.readDouble();
                    }
                    return a;
                }
                case "long": {
                    long[] a = new long[in.readInt()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = in.readLong();
                    }
                    return a;
                }
                case "int": {
                    int[] a = new int[in.readInt()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = in.readInt();
                    }
                    return a;
                }
                case "byte":
                    return readBytes();
                case "boolean": {
                    boolean[] a = new boolean[in.readInt()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = in.readBoolean();
                    }
                    return a;
                }
                default: {
                    int n = in.readInt();
                    Object[] a = (Object[]) java.lang.reflect.Array.newInstance(type(component), n);
                    for (int i = 0; i < n; i++) {
                        a[i] = read();
                    }
                    return a;
                }
            }
        }

        @SuppressWarnings("unchecked")
        private Object readCollection(Object existing) throws IOException {
            String kind = readString();
            int n = in.readInt();
            Collection<Object> out;
            if (existing instanceof Collection<?> made) {
                out = (Collection<Object>) made; // keeps the comparator its constructor gave it
                out.clear();
            } else {
                out = switch (kind) {
                    case "queue" -> new PriorityQueue<>();
                    case "sorted-set" -> new LinkedHashSet<>();
                    case "set" -> new HashSet<>();
                    default -> new ArrayList<>(n);
                };
            }
            for (int i = 0; i < n; i++) {
                out.add(read());
            }
            if (existing == null && kind.equals("list")) {
                return out; // lists are kept mutable: collectors append to them
            }
            return out;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Object readMap(Object existing, Field field) throws IOException {
            String kind = readString();
            String enumType = kind.equals("enum") ? readString() : null;
            int n = in.readInt();
            Map<Object, Object> out;
            if (existing instanceof Map<?, ?> made) {
                out = (Map<Object, Object>) made;
                out.clear();
            } else {
                out = switch (kind) {
                    case "enum" -> {
                        Class<?> keys = enumType.isEmpty() ? declaredKeyType(field) : type(enumType);
                        if (keys == null) {
                            throw new IllegalArgumentException("an empty EnumMap whose key type is not declared"
                                    + (field == null ? "" : " (" + field + ")"));
                        }
                        yield new EnumMap(keys);
                    }
                    case "tree" -> new TreeMap<>();
                    case "linked" -> new LinkedHashMap<>();
                    default -> new HashMap<>();
                };
            }
            for (int i = 0; i < n; i++) {
                Object key = read();
                out.put(key, read());
            }
            return out;
        }

        private Object readRecord() throws IOException {
            Class<?> type = type(readString());
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = read();
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return canonical.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot rebuild the record " + type.getName(), e);
            }
        }

        private Object readObject() throws IOException {
            Class<?> type = type(readString());
            Object instance = instantiate(type);
            seen.add(instance);
            for (Field f : fields(type)) {
                try {
                    Object current = f.get(instance);
                    Object value = read(current instanceof Collection<?> || current instanceof Map<?, ?>
                            ? current : null, f);
                    if (value != current) {
                        f.set(instance, value);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalArgumentException("cannot set " + type.getName() + "." + f.getName(), e);
                }
            }
            return instance;
        }

        private String readString() throws IOException {
            return new String(readBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        private byte[] readBytes() throws IOException {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            return b;
        }
    }

    /** {@code K} of a field declared {@code EnumMap<K, V>} (or {@code Map<K, V>} with an enum K), else null. */
    private static Class<?> declaredKeyType(Field field) {
        if (field != null && field.getGenericType() instanceof java.lang.reflect.ParameterizedType p
                && p.getActualTypeArguments().length == 2 && p.getActualTypeArguments()[0] instanceof Class<?> k
                && k.isEnum()) {
            return k;
        }
        return null;
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name, false, loader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("class " + name + " of a state is not on the class path", e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : StateCodec.class.getClassLoader();
    }

    /**
     * A new instance: by the no-argument constructor when there is one (its field initialisers create the
     * collections the content goes into), otherwise without running a constructor, as deserialization does.
     */
    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> noArgs = type.getDeclaredConstructor();
            noArgs.setAccessible(true);
            return noArgs.newInstance();
        } catch (NoSuchMethodException none) {
            return Bare.instance(type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create a " + type.getName(), e);
        }
    }

    /** Creates objects without a constructor through the JDK's supported-but-unofficial serialization hook. */
    private static final class Bare {
        private static final Map<Class<?>, Constructor<?>> MADE = new ConcurrentHashMap<>();

        static Object instance(Class<?> type) {
            try {
                return MADE.computeIfAbsent(type, t -> {
                    try {
                        Constructor<?> c = sun.reflect.ReflectionFactory.getReflectionFactory()
                                .newConstructorForSerialization(t, Object.class.getDeclaredConstructor());
                        c.setAccessible(true);
                        return c;
                    } catch (NoSuchMethodException e) {
                        throw new IllegalStateException(e);
                    }
                }).newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot create a " + type.getName(), e);
            }
        }
    }
}
