/**
 * llmmon as a Spark job: {@link dev.llmmon.spark.SparkMonitor} (the {@code spark-submit} main class) reads the
 * options of {@code llmmon:monitor} ({@link dev.llmmon.spark.CommandLine}), reads each input file with core's
 * readers on the executors, ships only the partial states ({@link dev.llmmon.state.StateCodec}) and runs core's
 * detection and the report module's reports on the driver ({@link dev.llmmon.spark.SparkCollect}).
 */
package dev.llmmon.spark;
