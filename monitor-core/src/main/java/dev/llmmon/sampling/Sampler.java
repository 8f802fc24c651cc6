package dev.llmmon.sampling;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic, stateless sampling by request id, byte-compatible with the Python services that already sample:
 * {@code int(hashlib.sha256(request_id.encode("utf-8")).hexdigest(), 16) % 100000 / 100000.0 < rate}.
 * The same request always gets the same decision, on every machine and every rerun.
 */
public final class Sampler {
    private static final BigInteger BUCKETS = BigInteger.valueOf(100_000);

    private Sampler() {
    }

    /** The request's position in [0, 1), in steps of 1e-5. */
    public static double value(String requestId) {
        byte[] digest = sha256().digest(requestId.getBytes(StandardCharsets.UTF_8));
        // the hex digest read as an unsigned integer is the digest bytes read as a positive big-endian number
        return new BigInteger(1, digest).mod(BUCKETS).intValueExact() / 100_000.0;
    }

    /** True when the request falls below {@code rate} (0 samples nothing, 1 everything). */
    public static boolean isSampled(String requestId, double rate) {
        return value(requestId) < rate;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
