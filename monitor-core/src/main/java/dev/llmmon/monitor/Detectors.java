package dev.llmmon.monitor;

import dev.llmmon.charting.ControlCharts;
import dev.llmmon.drift.ColumnDriftDetector;
import dev.llmmon.drift.CostAnomalies;
import dev.llmmon.drift.CostAnomalyDetector;
import dev.llmmon.drift.InputDriftDetector;
import dev.llmmon.drift.ProviderChanges;
import dev.llmmon.drift.SliceDriftDetector;
import dev.llmmon.drift.TokenBloat;
import dev.llmmon.drift.TokenBloatDetector;
import dev.llmmon.quality.QualityDropDetector;
import dev.llmmon.quality.QualityPlan;
import dev.llmmon.spi.Detector;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The one list of detectors a run uses: the built-in ones configured from the detection options, then any user
 * detector registered as a {@code META-INF/services/dev.llmmon.spi.Detector} service of the class loader.
 */
public final class Detectors {
    /** Slice mixes, token counts and finish-reason mixes are compared day by day with the first two days of the logs. */
    static final int SLICE_REFERENCE_DAYS = 2;

    private Detectors() {
    }

    /** The built-in detectors; input drift only with an embedder. */
    public static List<Detector<?>> standard(DetectionJob.Options options) {
        List<Detector<?>> detectors = new ArrayList<>();
        detectors.add(new ControlCharts(options.plan(), options.seriesStore()));
        detectors.add(new CostAnomalyDetector(CostAnomalies.Plan.defaults()));
        detectors.add(new TokenBloatDetector(TokenBloat.Plan.defaults()));
        detectors.add(new SliceDriftDetector(SLICE_REFERENCE_DAYS));
        detectors.add(new ColumnDriftDetector(SLICE_REFERENCE_DAYS));
        if (options.embedder() != null) {
            detectors.add(new InputDriftDetector(options.inputDrift(), options.embedder()));
        }
        detectors.add(new ProviderChanges());
        detectors.add(new QualityDropDetector(QualityPlan.defaults()));
        return detectors;
    }

    /** The built-in detectors and the user detectors found by {@link ServiceLoader} in that class loader. */
    public static List<Detector<?>> withServices(DetectionJob.Options options, ClassLoader loader) {
        List<Detector<?>> detectors = standard(options);
        ServiceLoader.load(Detector.class, loader).forEach(detectors::add);
        return detectors;
    }
}
