package dev.llmmon.judge;

/** A human's score for one dimension of one request. */
public record HumanLabel(String requestId, String dimension, int score) {
    public HumanLabel {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException("score must be 1-5, was " + score);
        }
    }
}
