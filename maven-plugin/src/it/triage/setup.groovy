// Three synthetic days: support-chat, sql-assist and summarize at 2% errors; from 2026-11-18T08:00 half of
// sql-assist runs prompt v8 and 40% of those calls fail. A deploy on day 2 is the red herring. Texts carry planted
// addresses and keys that must never reach a written file or the log.
import groovy.json.JsonOutput

def random = new Random(7)
def start = java.time.Instant.parse('2026-11-16T00:00:00Z')
def rollout = java.time.Instant.parse('2026-11-18T08:00:00Z')
def features = ['support-chat', 'sql-assist', 'summarize']
def categories = ['billing', 'account', 'reports', 'exports']
def segments = ['free', 'pro', 'enterprise']
def lines = []
for (int i = 0; i < 3 * 24 * 30; i++) {
    def t = start.plusSeconds(i * 120L)
    def feature = features[i % 3]
    def prompt = feature == 'sql-assist' && !t.isBefore(rollout) && random.nextBoolean() ? 'v8' : 'v7'
    def failed = random.nextDouble() < (prompt == 'v8' ? 0.40 : 0.02)
    def secret = i % 10 == 0 ? ' My key is sk-proj-Xk29fhQ0aZ81LmnB7TqWc3Rv5YpE4uJd, mail jane.doe@example.com' : ''
    lines << JsonOutput.toJson([request_id: 'r-' + i, timestamp: t.epochSecond, feature_id: feature,
            model_id: 'gpt-4o-mini-2024-07-18', latency_ms: 300 + random.nextInt(400), input_tokens: 50,
            output_tokens: failed ? 0 : 30, finish_reason: failed ? 'error' : 'stop',
            error: failed ? 'RateLimitError: 429 for jane.doe@example.com' : null,
            user_input: 'Question ' + i + ' about ' + categories[i % 4] + '.' + secret,
            output: failed ? null : 'Answer ' + i + (secret ? ' sent to jane.doe@example.com' : ''),
            metadata: [prompt_version: prompt, query_category: categories[i % 4],
                       user_segment: segments[random.nextInt(3)]]])
}
new File(basedir, 'requests.jsonl').text = lines.join('\n') + '\n'
new File(basedir, 'changes.jsonl').text = [
        JsonOutput.toJson([timestamp: '2026-11-17T03:00:00Z', kind: 'deploy', description: 'UI deploy']),
        JsonOutput.toJson([timestamp: '2026-11-18T08:00:00Z', kind: 'prompt_change', feature_id: 'sql-assist',
                           description: 'prompt v8 rollout (50%)'])].join('\n') + '\n'
def alert = [id: 'a1b2c3d4e5f60718', kind: 'CONTROL_CHART', feature: 'sql-assist', model: 'gpt-4o-mini-2024-07-18',
             metric: 'error_rate', windowStart: '2026-11-18T09:00:00Z', windowEnd: '2026-11-18T20:00:00Z',
             closedAt: null, value: 0.3, baseline: 0.02, limit: 4.0, units: 'sigma', deviation: 8.0, direction: 'UP',
             severity: 'CRITICAL', status: 'OPEN', detector: 'ewma', message: 'error rate up', evidence: []]
new File(basedir, 'alerts.json').text = JsonOutput.prettyPrint(JsonOutput.toJson([version: 1,
        alerts: [[alert: alert, deliveries: [:]]]]))
return true
