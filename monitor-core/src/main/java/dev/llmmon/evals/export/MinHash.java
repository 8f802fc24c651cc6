package dev.llmmon.evals.export;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * MinHash signatures over word shingles, for near-duplicate inputs: the share of equal signature slots estimates
 * the Jaccard similarity of two texts' shingle sets (standard error about {@code sqrt(J(1-J)/k)}, 0.044 at J = 0.5
 * with k = 128). Before shingling, text is lower-cased, placeholders lose their number ({@code <EMAIL_2>} is
 * {@code <email>}) and digit runs become {@code 0}, so "order 4821" and "order 9930" ask the same question. Written
 * here rather than taken from a library: it is forty lines over a 64-bit mixer, and the libraries that have it
 * (Apache DataSketches' theta sketches, java-lsh) would be core's largest dependency for it.
 */
public final class MinHash {
    /** Words per shingle. */
    public static final int SHINGLE_WORDS = 3;

    private final long[] seeds;

    /** {@code k} hash functions from a fixed {@code seed}: the same signatures in every run. */
    public MinHash(int k, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        seeds = new long[k];
        for (int i = 0; i < k; i++) {
            seeds[i] = rnd.nextLong();
        }
    }

    /** Normalised word shingles of {@code text}; a text of fewer words than a shingle is one shingle. */
    public static Set<String> shingles(String text) {
        String norm = text.toLowerCase(Locale.ROOT)
                .replaceAll("<([a-z_]+?)_\\d+>", "<$1>")
                .replaceAll("\\d+", "0");
        String[] words = norm.split("[^\\p{L}\\p{N}<>_]+");
        java.util.List<String> w = java.util.Arrays.stream(words).filter(s -> !s.isEmpty()).toList();
        Set<String> out = new LinkedHashSet<>();
        if (w.size() <= SHINGLE_WORDS) {
            out.add(String.join(" ", w));
            return out;
        }
        for (int i = 0; i + SHINGLE_WORDS <= w.size(); i++) {
            out.add(String.join(" ", w.subList(i, i + SHINGLE_WORDS)));
        }
        return out;
    }

    public long[] signature(String text) {
        long[] sig = new long[seeds.length];
        java.util.Arrays.fill(sig, Long.MAX_VALUE);
        for (String s : shingles(text)) {
            long base = fnv(s);
            for (int i = 0; i < seeds.length; i++) {
                long h = mix(base ^ seeds[i]);
                if (h < sig[i]) {
                    sig[i] = h;
                }
            }
        }
        return sig;
    }

    /** The estimated Jaccard similarity: the share of equal slots. */
    public static double similarity(long[] a, long[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("signatures of different length");
        }
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return same / (double) a.length;
    }

    /** The exact Jaccard similarity of two shingle sets (for tests and the summary). */
    public static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        Set<String> inter = new LinkedHashSet<>(a);
        inter.retainAll(b);
        return inter.size() / (double) (a.size() + b.size() - inter.size());
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: a bijective 64-bit mixer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
