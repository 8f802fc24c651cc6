package dev.llmmon.monitor;

import dev.llmmon.ingest.Ingest;
import dev.llmmon.ingest.Rejections;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * An honest account of what a run read.
 *
 * @param ingest         files, bytes, lines, records accepted and duplicates dropped
 * @param rejections     rejected request lines by reason, with examples
 * @param signals        what the user-signal files gave
 * @param unpricedModels models with requests whose cost is unknown (no cost logged, no price)
 * @param pricingSource  where the prices came from
 * @param elapsed        wall time of the run
 */
public record InputAccount(Ingest.Stats ingest, Rejections rejections, Signals signals, Set<String> unpricedModels,
                           String pricingSource, Duration elapsed) {
    public InputAccount {
        unpricedModels = Set.copyOf(unpricedModels);
    }

    /**
     * @param files      user-signal files read
     * @param accepted   user signals accepted
     * @param orphaned   signals whose request was not among the requests read
     * @param rejections rejected signal lines
     */
    public record Signals(List<Path> files, long accepted, long orphaned, Rejections rejections) {
        public Signals {
            files = List.copyOf(files);
        }
    }
}
