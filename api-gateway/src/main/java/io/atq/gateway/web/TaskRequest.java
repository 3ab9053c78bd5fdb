package io.atq.gateway.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * The body of {@code POST /v1/tasks}, exactly as a client wrote it. Only its JSON shape is checked while reading;
 * what the values may be is {@code TaskSpecValidator}'s job. So any field may be missing ({@code null}).
 *
 * @param name    a short human name
 * @param workers the workers
 * @param master  the master
 * @param timeout an ISO-8601 duration; {@code null} for the default
 * @param labels  CI context (commit, branch, pipeline URL…); {@code null} for none
 * @param bundle  id of an uploaded test-data bundle ({@code POST /v1/bundles}) mounted read-only at {@code /atq/data}
 * @param callbackUrl    where phase changes are delivered as signed webhooks
 * @param callbackEvents {@code all} or {@code terminal} (the default)
 */
public record TaskRequest(@Nullable String name, @Nullable Workers workers, @Nullable Master master, @Nullable String timeout,
                          @JsonSetter(contentNulls = Nulls.FAIL) @Nullable Map<String, String> labels, @Nullable String bundle,
                          @Nullable String callbackUrl, @Nullable String callbackEvents) {

    /**
     * @param replicas boxed so a missing value can be reported as missing rather than as zero
     */
    public record Workers(@Nullable String image, @Nullable Integer replicas,
                          @JsonSetter(contentNulls = Nulls.FAIL) @Nullable Map<String, String> args, @Nullable Integer port) {
    }

    public record Master(@Nullable String image, @JsonSetter(contentNulls = Nulls.FAIL) @Nullable Map<String, String> args) {
    }
}
