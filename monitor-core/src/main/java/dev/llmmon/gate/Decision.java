package dev.llmmon.gate;

/** The gate's answer: the candidate is not worse (PASS), is worse (FAIL), or the cases cannot tell yet. */
public enum Decision {
    PASS, FAIL, INCONCLUSIVE
}
