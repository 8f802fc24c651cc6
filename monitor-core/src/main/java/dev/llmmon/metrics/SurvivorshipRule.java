package dev.llmmon.metrics;

/**
 * Warns that explicit feedback looks good only because unhappy users leave without giving any: abandonment above
 * {@code maxAbandonment} while the explicit positive rate is above {@code minPositive}. Defaults 0.30 and 0.80.
 */
public record SurvivorshipRule(double maxAbandonment, double minPositive) {
    public static final SurvivorshipRule DEFAULT = new SurvivorshipRule(0.30, 0.80);

    boolean fires(double abandonmentRate, double explicitPositiveRate) {
        return abandonmentRate > maxAbandonment && explicitPositiveRate > minPositive;
    }
}
