package io.atq.gateway.web;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.contracts.tasks.TaskId;
import io.atq.contracts.validation.Violation;
import io.atq.gateway.directors.QueuedReasons;
import io.atq.gateway.idempotency.IdempotencyKey;
import io.atq.gateway.problems.InvalidRequestException;
import io.atq.gateway.problems.TaskAlreadyEndedException;
import io.atq.gateway.problems.TaskNotFoundException;
import io.atq.gateway.tasks.InvalidQueryException;
import io.atq.gateway.tasks.LabelFilter;
import io.atq.gateway.tasks.PageCursor;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskPage;
import io.atq.gateway.tasks.TaskQuery;
import io.atq.gateway.tasks.TaskState;
import io.atq.gateway.tenancy.TaskAccess;
import io.atq.gateway.views.PhaseEventView;
import io.atq.gateway.views.TaskPageView;
import io.atq.gateway.views.TaskView;
import io.atq.gateway.webhooks.CallbackGuard;
import io.atq.gateway.webhooks.WebhookPayloads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.callbacks.Callback;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** The task API (v1). */
@RestController
@RequestMapping("/v1/tasks")
@Tag(name = "tasks", description = "Submit, follow and cancel tasks")
public class TaskController {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final String LAST_EVENT_ID = "Last-Event-ID";

    /** Answer header of a keyed submission answered with the task an earlier submission created. */
    static final String REPLAYED = "Idempotent-Replayed";

    private final TaskBook book;
    private final BoundedPublish publishing;
    private final TaskSubmission submission;
    private final TaskRequestParser parser;
    private final TaskEventStream events;
    private final AtqConfig config;
    private final SecretArgs secrets;
    private final Clock clock;
    private final RequestBodies bodies;
    private final CallbackGuard callbacks;
    private final EvidenceResponses evidence;
    private final QueuedReasons queuedReasons;

    public TaskController(TaskBook book, BoundedPublish publishing, TaskSubmission submission, TaskRequestParser parser,
                          TaskEventStream events, AtqConfig config, SecretArgs secrets, Clock clock, RequestBodies bodies,
                          CallbackGuard callbacks,
                          QueuedReasons queuedReasons) {
        this.queuedReasons = queuedReasons;
        this.callbacks = callbacks;
        this.book = book;
        this.publishing = publishing;
        this.submission = submission;
        this.parser = parser;
        this.events = events;
        this.config = config;
        this.secrets = secrets;
        this.clock = clock;
        this.bodies = bodies;
        this.evidence = new EvidenceResponses(book, config, clock);
    }

    /**
     * Validates, checks the client's limits, publishes {@code TaskRequested} (confirmed) and answers 202 with the view
     * (see {@link TaskSubmission} for {@code Idempotency-Key}). {@code produces} makes a client that accepts no JSON
     * get its 406 before anything is published, not after.
     */
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a task", description = "Answers 202 only after the broker confirmed the request. "
            + "With an Idempotency-Key, the same key and request from the same client answer with the same task "
            + "(header Idempotent-Replayed: true), whichever gateway receives them.",
            // The handler reads the body itself (strict JSON, size limit), so the schema is declared here.
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TaskRequest.class))))
    @ApiResponse(responseCode = "202", description = "Accepted; Location names the task",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TaskView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid request (each bad field in errors[])")
    @ApiResponse(responseCode = "406", description = "The client accepts no JSON")
    @ApiResponse(responseCode = "413", description = "Body larger than the limit")
    @ApiResponse(responseCode = "415", description = "Not UTF-8 JSON, or a Content-Encoding")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was already used with a different request")
    @ApiResponse(responseCode = "429", description = "A limit of the client (maxActiveTasks, maxActiveReplicas) is reached; "
            + "retry after Retry-After")
    @ApiResponse(responseCode = "503", description = "The broker did not confirm, or a keyed request was not yet read back "
            + "from the task log; retry after Retry-After")
    @Callback(name = "phaseChanged", callbackUrlExpression = "{$request.body#/callbackUrl}", operation = @Operation(
            method = "post", summary = "A phase the task entered (Standard Webhooks: webhook-id, webhook-timestamp, "
            + "webhook-signature headers)",
            description = "One per phase callbackEvents reports, delivered independently (retries may arrive out of "
                    + "order). data.sequence is the phase's index in the task's history, the id of the same event on "
                    + "GET /v1/tasks/{id}/events: order deliveries by it. data.task is the view when the first attempt "
                    + "was built: its history holds data.phase at data.sequence and its phase is data.phase or later "
                    + "(ahead, never behind).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = WebhookPayloads.Payload.class))),
            responses = {
                    @ApiResponse(responseCode = "2XX", description = "Delivered"),
                    @ApiResponse(responseCode = "410", description = "Stop every further delivery to this URL for the task")}))
    @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, required = false,
            description = "1-255 printable ASCII characters; the same key and request from the same client give the same task",
            schema = @Schema(type = "string", minLength = 1, maxLength = 255))
    public Mono<ResponseEntity<TaskView>> submit(ServerHttpRequest request, ClientConfig client) {
        Optional<IdempotencyKey> key = idempotencyKey(request);
        return bodies.readJson(request)
                // Parsing looks a named bundle up in the shared folder (a file-system call): off the event loop.
                .publishOn(Schedulers.boundedElastic())
                .map(parser::parse)
                // The SSRF guard resolves the callback's host: off the event loop (and only when there is one).
                .flatMap(spec -> spec.callback() == null ? Mono.just(spec)
                        : Mono.fromCallable(() -> admitCallback(spec, client.id())).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(spec -> submission.submit(client, key, spec))
                .map(accepted -> {
                    ResponseEntity.BodyBuilder answer = ResponseEntity.accepted()
                            .location(URI.create("/v1/tasks/" + accepted.task().id()));
                    if (accepted.replayed()) {
                        answer.header(REPLAYED, "true");
                    }
                    return answer.body(view(accepted.task()));
                });
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a task")
    @ApiResponse(responseCode = "200", description = "The task",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TaskView.class)))
    @ApiResponse(responseCode = "404", description = "Unknown task, or another client's")
    public TaskView get(@PathVariable String id, ClientConfig client) {
        return view(find(id, client));
    }

    /**
     * Newest first, one page at a time: {@code phase} and every {@code label=key:value} filter (AND), {@code limit}
     * per page (default 50, at most 500), {@code cursor} from the previous page's {@code nextCursor}. The next page is
     * also linked in a {@code Link: <…>; rel="next"} header.
     */
    @GetMapping
    @Operation(summary = "List tasks, newest first, a page at a time")
    @ApiResponse(responseCode = "200", description = "One page of tasks; nextCursor (and a Link rel=next header) when more follow",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TaskPageView.class)))
    @ApiResponse(responseCode = "400", description = "Unknown phase, malformed label filter, limit out of range or a bad cursor")
    public ResponseEntity<TaskPageView> list(
            @Parameter(description = "only tasks in this phase", schema = @Schema(implementation = Phase.class))
            @RequestParam(required = false) @Nullable String phase,
            @Parameter(description = "only tasks with this label, as key:value; repeat for several (all must match)")
            @RequestParam(name = LabelFilter.PARAMETER, required = false) @Nullable List<String> labels,
            @Parameter(description = "at most this many per page (1-500, default 50)", schema = @Schema(type = "integer"))
            @RequestParam(required = false) @Nullable String limit,
            @Parameter(description = "nextCursor of the previous page (same filters)")
            @RequestParam(name = PageCursor.PARAMETER, required = false) @Nullable String cursor,
            ServerHttpRequest request, ClientConfig client) {
        Phase wanted = phase(phase);
        try {
            List<LabelFilter> filters = labels == null ? List.of() : labels.stream().map(LabelFilter::parse).toList();
            String fingerprint = TaskQuery.fingerprint(wanted, filters);
            PageCursor after = cursor == null || cursor.isEmpty() ? null : PageCursor.decode(cursor, fingerprint);
            TaskPage page = book.page(new TaskQuery(wanted, filters, limit(limit), after), task -> TaskAccess.maySee(client, task));
            String next = page.next() == null ? null : page.next().encode(fingerprint);
            ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
            if (next != null) {
                // The request's own query (already encoded) with the cursor replaced; the cursor is base64url-safe.
                String link = UriComponentsBuilder.fromPath(request.getPath().value()).query(request.getURI().getRawQuery())
                        .replaceQueryParam(PageCursor.PARAMETER, next).build().toUriString();
                answer.header(HttpHeaders.LINK, "<" + link + ">; rel=\"next\"");
            }
            return answer.body(new TaskPageView(page.items().stream().map(this::view).toList(), next));
        } catch (InvalidQueryException e) {
            throw InvalidRequestException.of("Invalid query parameter", e.getParameter(), e.getReason());
        }
    }

    /**
     * History so far (or what follows {@code Last-Event-ID}), then live phase changes; completes after the terminal
     * phase. Event ids are history indexes, the same on every gateway.
     */
    @GetMapping("/{id}/events")
    @Operation(summary = "Follow a task", description = "Server-sent events: the history (after Last-Event-ID, if sent), "
            + "then each phase; keep-alive comments in between; closes after the terminal one.")
    @ApiResponse(responseCode = "200", description = "Phase events", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = PhaseEventView.class)))
    @ApiResponse(responseCode = "400", description = "Last-Event-ID (or lastEventId) is not a non-negative integer")
    @ApiResponse(responseCode = "404", description = "Unknown task, or another client's")
    public Flux<ServerSentEvent<PhaseEventView>> events(
            @PathVariable String id,
            @Parameter(description = "id of the last event received: only later events are sent")
            @RequestHeader(name = LAST_EVENT_ID, required = false) @Nullable String lastEventIdHeader,
            @Parameter(description = "the same as the Last-Event-ID header, for clients that cannot set headers")
            @RequestParam(required = false) @Nullable String lastEventId, ClientConfig client) {
        TaskId taskId = find(id, client).id();
        Integer resumeAfter = null;
        if (lastEventIdHeader != null && !lastEventIdHeader.isEmpty()) {
            resumeAfter = eventId(LAST_EVENT_ID, lastEventIdHeader);
        } else if (lastEventId != null && !lastEventId.isEmpty()) {
            resumeAfter = eventId("lastEventId", lastEventId);
        }
        return events.events(taskId, resumeAfter);
    }

    /** Publishes {@code CancelTask} (confirmed) for a task that has not ended; 406 (before publishing) as for submit. */
    @DeleteMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel a task", description = "Answers 202 only after the broker confirmed the cancel.")
    @ApiResponse(responseCode = "202", description = "Cancel requested",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TaskView.class)))
    @ApiResponse(responseCode = "404", description = "Unknown task, or another client's")
    @ApiResponse(responseCode = "409", description = "The task already ended")
    @ApiResponse(responseCode = "503", description = "The broker did not confirm; retry after Retry-After")
    public Mono<ResponseEntity<TaskView>> cancel(@PathVariable String id, ClientConfig client) {
        TaskState task = find(id, client);
        if (task.isTerminal()) {
            throw new TaskAlreadyEndedException(task.id(), task.phase());
        }
        CancelTask cancel = new CancelTask(task.id(), clock.instant());
        return publish(cancel)
                .then(Mono.fromSupplier(() -> book.apply(cancel).orElseThrow()))
                .map(cancelled -> ResponseEntity.accepted().body(view(cancelled)));
    }

    /** The view, with the reason it waits while it is QUEUED (computed only then). */
    private TaskView view(TaskState task) {
        return TaskView.of(task, secrets, task.phase() == Phase.QUEUED ? queuedReasons.forTask(task.spec().workers().replicas()) : null);
    }

    /**
     * The master's log (default), all workers' logs (each line prefixed {@code [worker-<slot>] }) or one worker's, as
     * the directors wrote them to the shared folder; {@code follow=true} streams the master's log while it runs.
     */
    @GetMapping("/{id}/logs")
    @Operation(summary = "A task's logs", description = "text/plain. follow=true (master only) answers at once and streams "
            + "each line as the master writes it, ending after the task's terminal phase.")
    @ApiResponse(responseCode = "200", description = "The log", content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE,
            schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "Invalid role, slot or follow")
    @ApiResponse(responseCode = "404", description = "Unknown task (or another client's), or no such log yet")
    @ApiResponse(responseCode = "410", description = "The evidence was removed after its retention")
    public Mono<ResponseEntity<Flux<DataBuffer>>> logs(
            @PathVariable String id,
            @Parameter(description = "master (default) or worker") @RequestParam(required = false) @Nullable String role,
            @Parameter(description = "with role=worker: only this worker (1, 2, …), unprefixed") @RequestParam(required = false) @Nullable String slot,
            @Parameter(description = "true: stream the master's log until the task ends") @RequestParam(required = false) @Nullable String follow,
            ClientConfig client) {
        TaskState task = find(id, client);
        return evidence.logs(task, EvidenceResponses.LogQuery.parse(role, slot, follow));
    }

    /** The files the master has written to {@code /atq/results} so far, by path with their sizes. */
    @GetMapping("/{id}/results")
    @Operation(summary = "The files in a task's results", description = "What the master has written to /atq/results so far "
            + "(also while it runs): regular files by path, with their sizes; at most 1000 (truncated says when there are more). "
            + "Download them with the artifacts zip.")
    @ApiResponse(responseCode = "200", description = "The files", content = @Content(schema = @Schema(implementation = ResultsView.class)))
    @ApiResponse(responseCode = "404", description = "Unknown task (or another client's)")
    @ApiResponse(responseCode = "410", description = "The evidence was removed after its retention")
    public Mono<ResultsView> results(@PathVariable String id, ClientConfig client) {
        return evidence.results(find(id, client));
    }

    /** The summary of the task's results the director merged when it ended, as the director wrote it. */
    @GetMapping(value = "/{id}/summary", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The merged summary of a task's results", description = "The document the director wrote when "
            + "the task ended: every results file of the master and the workers merged (overall, per label, per second) "
            + "and every threshold's outcome. The view's results field is its headline.")
    @ApiResponse(responseCode = "200", description = "The summary document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "Unknown task (or another client's); or no summary (summary-not-found): "
            + "the task has not ended, or it ended before its master ran")
    @ApiResponse(responseCode = "410", description = "The evidence was removed after its retention")
    public Mono<ResponseEntity<Flux<DataBuffer>>> summary(@PathVariable String id, ClientConfig client) {
        return evidence.summary(find(id, client));
    }

    /** A zip of the task's logs and of what the master wrote to {@code /atq/results}, streamed. */
    @GetMapping("/{id}/artifacts")
    @Operation(summary = "A task's logs and results as a zip", description = "master.log, workers/worker-<slot>.log, results-summary.json, results/…; "
            + "served once the task has ended, until its evidence expires.")
    @ApiResponse(responseCode = "200", description = "The zip (Content-Disposition: attachment)",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "Unknown task (or another client's), or it left nothing")
    @ApiResponse(responseCode = "409", description = "The task has not ended")
    @ApiResponse(responseCode = "410", description = "The evidence was removed after its retention")
    public ResponseEntity<Flux<DataBuffer>> artifacts(@PathVariable String id, ClientConfig client) {
        return evidence.artifacts(find(id, client));
    }

    private TaskSpec admitCallback(TaskSpec spec, String clientId) {
        List<Violation> violations = callbacks.admit(spec, clientId);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(TaskRequestParser.TITLE, violations);
        }
        return spec;
    }

    /** The task, if {@code client} may see it; another client's task is "not found", exactly like an unknown id. */
    private TaskState find(String id, ClientConfig client) {
        return TaskAccess.find(book, client, id).orElseThrow(() -> new TaskNotFoundException(id));
    }

    private static Optional<IdempotencyKey> idempotencyKey(ServerHttpRequest request) {
        try {
            return IdempotencyKey.from(request.getHeaders().getOrEmpty(IdempotencyKey.HEADER));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("Invalid request header", IdempotencyKey.HEADER, Objects.requireNonNull(e.getMessage()));
        }
    }

    private Mono<Void> publish(TaskMessage message) {
        return publishing.publish(message);
    }

    private static @Nullable Phase phase(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Phase.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("Invalid query parameter", "phase",
                    "'" + text + "' is not a phase (allowed: "
                            + Arrays.stream(Phase.values()).map(Phase::name).collect(Collectors.joining(", ")) + ")");
        }
    }

    private static int eventId(String field, String text) {
        try {
            int id = Integer.parseInt(text.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidRequestException.of("Invalid event id", field, "must be the id of an event of this stream "
                + "(a non-negative integer), was '" + text + "'");
    }

    private static int limit(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw InvalidRequestException.of("Invalid query parameter", "limit",
                "must be an integer between 1 and " + MAX_LIMIT + ", was '" + text + "'");
    }
}
