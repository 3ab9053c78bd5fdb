package io.atq.gateway.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.util.Map;

/**
 * The body of {@code POST /v1/tasks}, exactly as a client wrote it. Only its JSON shape is checked while reading;
 * what the values may be is {@code TaskSpecValidator}'s job.
 *
 * @param name    a short human name
 * @param workers the workers
 * @param master  the master
 * @param timeout an ISO-8601 duration, or {@code null} for the default
 * @param labels  CI context (commit, branch, pipeline URL…), or {@code null} for none
 * @param bundle  id of an uploaded test-data bundle ({@code POST /v1/bundles}) mounted read-only at {@code /atq/data}, or {@code null}
 * @param callbackUrl    where phase changes are delivered as signed webhooks, or {@code null}
 * @param callbackEvents {@code all} or {@code terminal} (the default)
 */
public record TaskRequest(String name, Workers workers, Master master, String timeout,
                          @JsonSetter(contentNulls = Nulls.FAIL) Map<String, String> labels, String bundle,
                          String callbackUrl, String callbackEvents) {

    /**
     * @param replicas boxed so a missing value can be reported as missing rather than as zero
     */
    public record Workers(String image, Integer replicas,
                          @JsonSetter(contentNulls = Nulls.FAIL) Map<String, String> args, Integer port) {
    }

    public record Master(String image, @JsonSetter(contentNulls = Nulls.FAIL) Map<String, String> args) {
    }
}
