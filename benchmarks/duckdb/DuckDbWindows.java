import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The DuckDB side of benchmarks/duckdb-compare.sh (benchmark only, not part of the build): the same hourly windows
 * × feature × model (and the all-models row per feature, model "*") as llmmon's report.json, over native JSONL with
 * an explicit column list, written as CSV. {@code quantile_disc(x, q + 1e-9)} picks sorted[floor(n*q)], llmmon's
 * nearest-rank rule.
 *
 * <pre>java -cp duckdb_jdbc.jar:. DuckDbWindows INPUT.jsonl OUT.csv [THREADS]</pre>
 */
public final class DuckDbWindows {
    public static void main(String[] args) throws Exception {
        String input = args[0].replace("'", "''");
        String output = args[1].replace("'", "''");
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads=" + threads);
            s.execute("COPY (SELECT strftime(date_trunc('hour', timestamp), '%Y-%m-%dT%H:%M:%SZ') AS window_start,"
                    + " feature_id, coalesce(model_id, '*') AS model_id, count(*) AS requests,"
                    + " count(*) FILTER (WHERE error IS NOT NULL OR finish_reason = 'error') AS errors,"
                    + " count(*) FILTER (WHERE finish_reason = 'refusal') AS refusals,"
                    + " quantile_disc(latency_ms, 0.5 + 1e-9) AS p50,"
                    + " quantile_disc(latency_ms, 0.95 + 1e-9) AS p95,"
                    + " quantile_disc(latency_ms, 0.99 + 1e-9) AS p99,"
                    + " avg(input_tokens) AS mean_in, avg(output_tokens) AS mean_out"
                    + " FROM read_ndjson('" + input + "', columns = {request_id: 'VARCHAR', timestamp: 'TIMESTAMP',"
                    + " feature_id: 'VARCHAR', model_id: 'VARCHAR', latency_ms: 'DOUBLE', input_tokens: 'BIGINT',"
                    + " output_tokens: 'BIGINT', finish_reason: 'VARCHAR', error: 'VARCHAR'})"
                    + " GROUP BY GROUPING SETS ((1, feature_id, model_id), (1, feature_id))"
                    + ") TO '" + output + "' (HEADER, DELIMITER ',')");
        }
    }
}
