package dev.llmmon.internal.http;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** POSTs JSON over one OkHttp client, one attempt per call: retries are {@link RetryLoop}'s, counted and backed off. */
public final class JsonPost implements AutoCloseable {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final OkHttpClient http;

    /** A status, the body as text and the {@code Retry-After} header ({@code null} when absent). */
    public record Reply(int status, String body, String retryAfter) {
        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    /** @param timeout whole-call and read timeout of one attempt */
    public JsonPost(Duration timeout) {
        this.http = new OkHttpClient.Builder()
                .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * One POST of {@code body} with {@code headers} (in their order).
     *
     * @throws java.io.InterruptedIOException on a timeout, or when the thread was interrupted
     * @throws IOException                    when the connection failed
     */
    public Reply post(String url, Map<String, String> headers, byte[] body) throws IOException {
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE));
        headers.forEach(request::addHeader);
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody text = response.body();
            return new Reply(response.code(), text == null ? "" : text.string(), response.header("Retry-After"));
        }
    }

    /** Is {@code url} an http(s) URL (checked without ever putting it into a message: webhook URLs are secrets). */
    public static boolean isHttpUrl(String url) {
        return url != null && HttpUrl.parse(url) != null;
    }

    /** Is a status transient: 408, 409, 429 and every 5xx. */
    public static boolean isTransient(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** {@code baseUrl} with {@code path} appended, keeping any query (Azure's {@code api-version}). */
    public static String resolve(String baseUrl, String path) {
        HttpUrl base = HttpUrl.parse(baseUrl);
        if (base == null) {
            throw new IllegalArgumentException("base URL is not an http(s) URL: " + baseUrl);
        }
        HttpUrl.Builder b = base.newBuilder();
        var segments = base.pathSegments();
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            b.removePathSegment(segments.size() - 1);
        }
        return b.addPathSegments(path).build().toString();
    }

    /** {@code scheme://host:port/path} of {@code url}: how errors name an endpoint, without its query. */
    public static String describe(String url) {
        HttpUrl u = HttpUrl.get(url);
        return u.scheme() + "://" + u.host() + ":" + u.port() + u.encodedPath();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
