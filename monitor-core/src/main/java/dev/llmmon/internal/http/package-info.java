/**
 * HTTP plumbing over OkHttp: one JSON POST per attempt ({@link dev.llmmon.internal.http.JsonPost}), the one retry
 * loop ({@link dev.llmmon.internal.http.RetryLoop}) and the one {@code Retry-After} parser. Not an API: public
 * packages use it, none of its types appears in their signatures.
 */
package dev.llmmon.internal.http;
