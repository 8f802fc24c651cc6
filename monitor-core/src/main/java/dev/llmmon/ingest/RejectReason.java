package dev.llmmon.ingest;

/** Why an input line or record was not used. Every rejection is counted under one of these. */
public enum RejectReason {
    /** The line is not valid JSON (or a CSV row could not be split). */
    MALFORMED_LINE,
    /** The line is valid JSON but not an object. */
    NOT_AN_OBJECT,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (a string where a number belongs, ...). */
    WRONG_TYPE,
    /** A number beyond the sane bound of its field (the message names the bound). */
    OUT_OF_RANGE,
    /** A number that must be {@code >= 0} is negative. */
    NEGATIVE_NUMBER,
    /** A number is NaN or infinite. */
    NOT_FINITE,
    /** A token count is not a whole number. */
    NOT_AN_INTEGER,
    /** A timestamp that is neither epoch seconds nor ISO-8601 with an offset. */
    BAD_TIMESTAMP,
    /** A finish reason that is not a known spelling. */
    UNKNOWN_FINISH_REASON,
    /** A user signal of an unknown type. */
    UNKNOWN_SIGNAL_TYPE,
    /** A second record with a request id already seen; the first one wins. */
    DUPLICATE_REQUEST_ID,
    /** A compressed file that ends early or is corrupt; the lines before the damage were kept. */
    TRUNCATED_INPUT,
    /**
     * A file that could not be read at all, or not past some point: not the compression it claims, unreadable, of
     * no format llmmon can tell. The other files are still read.
     */
    UNREADABLE_FILE,
    /**
     * A file gave no request records, or fewer than it rejected; a note otherwise, a failure only in strict mode
     * ({@link Rejections#note}).
     */
    NO_RECORDS,
    /** A mapped field's value could not be converted as the mapping declares. */
    MAPPING_FAILED
}
