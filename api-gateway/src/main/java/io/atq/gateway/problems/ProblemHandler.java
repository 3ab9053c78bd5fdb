package io.atq.gateway.problems;

import io.atq.contracts.phase.Phase;
import io.atq.gateway.bundles.BundleRefusedException;
import io.atq.gateway.idempotency.IdempotencyKey;
import io.atq.gateway.tenancy.LimitExceeded;
import io.atq.messaging.PublishException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

import java.net.URI;
import java.util.List;

/**
 * Turns the gateway's own exceptions and Spring's refusals (unknown route, wrong method, not acceptable, …) into
 * problems, always as {@code application/problem+json}; anything else through {@link FallbackProblemHandler}.
 * Every route's problems are here, so one table says what each exception answers.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {
    private final long retryAfterSeconds;

    public ProblemHandler(RetryAfter retryAfter) {
        this.retryAfterSeconds = retryAfter.seconds();
    }

    /** One entry of a 400 problem's {@code errors}: the JSON path of the field and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    /**
     * The problem with an explicit media type: without it, a client that accepts only {@code text/event-stream}
     * would get the problem rendered as an SSE {@code data:} line.
     */
    public static ResponseEntity<ProblemDetail> respond(HttpStatus status, ProblemDetail problem) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The 400 problem of an invalid request: one {@code errors} entry per violation. */
    public static ProblemDetail invalidProblem(InvalidRequestException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", e.getTitle(), e.getMessage(), exchange);
        problem.setProperty("errors", e.getViolations().stream().map(v -> new FieldError(v.field(), v.message())).toList());
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, ServerWebExchange exchange) {
        return respond(HttpStatus.BAD_REQUEST, invalidProblem(e, exchange));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unsupportedContent(UnsupportedContentException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content",
                "Unsupported request content", e.getMessage(), exchange);
        problem.setProperty("errors", List.of(new FieldError(e.getHeader(), e.getProblem())));
        // RFC 9110 §15.5.16: Accept on a 415 names what would have been read.
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .header(HttpHeaders.ACCEPT, e.getAccepted())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * Spring's own refusals (no route, wrong method, not acceptable, …) as Spring words them, but with the problem
     * media type set: left to content negotiation, a client accepting only {@code text/event-stream} got the
     * problem as an SSE {@code data:} line.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> springRefusal(ErrorResponseException e, ServerWebExchange exchange) {
        ProblemDetail problem = e.getBody();
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        if (problem.getDetail() == null) {
            // Spring's "no handler" 404 has no words of its own.
            problem.setDetail(e.getStatusCode().value() == 404 ? "nothing is served at this path (the API is under /v1)"
                    : String.valueOf(problem.getTitle()));
        }
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> taskNotFound(TaskNotFoundException e, ServerWebExchange exchange) {
        return respond(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "task-not-found", "Task not found", e.getMessage(), exchange));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> bundleRefused(BundleRefusedException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-bundle", "Invalid bundle", e.getMessage(), exchange);
        problem.setProperty("entry", e.getEntry());
        problem.setProperty("errors", List.of(new FieldError(e.getEntry(), e.getProblem())));
        return respond(HttpStatus.BAD_REQUEST, problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> bundleNotFound(BundleNotFoundException e, ServerWebExchange exchange) {
        return respond(HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "bundle-not-found", "Bundle not found", e.getMessage(), exchange));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> bundleInUse(BundleInUseException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "bundle-in-use", "Bundle in use", e.getMessage(), exchange);
        problem.setProperty("tasks", e.getTasks());
        return respond(HttpStatus.CONFLICT, problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> logNotFound(LogNotFoundException e, ServerWebExchange exchange) {
        return respond(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "log-not-found", "No log yet", e.getMessage(), exchange));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> summaryNotFound(SummaryNotFoundException e, ServerWebExchange exchange) {
        return respond(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "summary-not-found", "No results summary",
                e.getMessage(), exchange));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> evidenceExpired(EvidenceExpiredException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.GONE, "evidence-expired", "Evidence expired", e.getMessage(), exchange);
        problem.setProperty("expiredAt", e.getExpiredAt().toString());
        return respond(HttpStatus.GONE, problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notEnded(TaskNotEndedException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "task-not-ended", "Task not ended", e.getMessage(), exchange);
        problem.setProperty("phase", e.getPhase());
        return respond(HttpStatus.CONFLICT, problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> alreadyEnded(TaskAlreadyEndedException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "task-ended", "Task already ended", e.getMessage(), exchange);
        problem.setProperty("phase", e.getPhase());
        problem.setProperty("terminalPhases", Phase.terminal().stream().sorted().toList());
        return respond(HttpStatus.CONFLICT, problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooLarge(RequestTooLargeException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request body too large",
                e.getMessage(), exchange);
        problem.setProperty("limit", e.getLimit());
        return respond(HttpStatus.CONTENT_TOO_LARGE, problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> idempotencyConflict(IdempotencyConflictException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency key reused with another request", e.getMessage(), exchange);
        problem.setProperty("errors", List.of(new FieldError(IdempotencyKey.HEADER, "already used with a different request")));
        problem.setProperty("taskId", e.getTaskId().value());
        return respond(HttpStatus.UNPROCESSABLE_CONTENT, problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> limitExceeded(LimitExceededException e, ServerWebExchange exchange) {
        LimitExceeded exceeded = e.getExceeded();
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "limit-exceeded", "Client limit reached",
                e.getMessage(), exchange);
        problem.setProperty("limit", exceeded.limit());
        problem.setProperty("current", exceeded.current());
        problem.setProperty("requested", exceeded.requested());
        problem.setProperty("max", exceeded.max());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> submissionUnconfirmed(SubmissionUnconfirmedException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "submission-unconfirmed",
                "Submission not yet confirmed by the task log", e.getMessage(), exchange);
        problem.setProperty("taskId", e.getTaskId().value());
        problem.setProperty("retryable", true);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> brokerUnavailable(PublishException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Broker unavailable",
                brokerDetail(e),
                exchange);
        problem.setProperty("reason", e.getReason());
        problem.setProperty("retryable", e.isRetryable());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String brokerDetail(PublishException e) {
        return switch (e.getReason()) {
            // The message may have gone out before the wait ended: only a key makes a retry safe from running it twice.
            case TIMEOUT, INTERRUPTED -> "the broker did not confirm the message in time (" + e.getReason() + "), so it may not"
                    + " have it: retry later, with an Idempotency-Key if the task must not run twice";
            default -> "the broker did not confirm the message, so nothing was accepted: " + e.getReason()
                    + (e.isRetryable() ? "; retry later" : "; an operator must check the broker topology");
        };
    }
}
