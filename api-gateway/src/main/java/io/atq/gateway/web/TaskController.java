package io.atq.gateway.web;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.validation.Violation;
import io.atq.gateway.config.GatewayProperties;
import io.atq.gateway.directors.QueuedReasons;
import io.atq.gateway.publish.TaskPublisher;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskState;
import io.atq.gateway.webhooks.CallbackGuard;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The task API (v1). */
@RestController
@RequestMapping("/v1/tasks")
@Tag(name = "tasks", description = "Submit, follow and cancel tasks")
public class TaskController {
    /** Ids are random UUIDs in canonical lower-case form; anything else cannot be a task (and never reaches a path). */
    private static final Pattern TASK_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final TaskBook book;
    private final TaskPublisher publisher;
    private final TaskRequestParser parser;
    private final TaskEventStream events;
    private final AtqConfig config;
    private final Clock clock;
    private final long maxRequestBytes;
    private final CallbackGuard callbacks;
    private final EvidenceResponses evidence;
    private final QueuedReasons queuedReasons;

    public TaskController(TaskBook book, TaskPublisher publisher, TaskRequestParser parser, TaskEventStream events,
                          AtqConfig config, Clock clock, GatewayProperties properties, CallbackGuard callbacks,
                          QueuedReasons queuedReasons) {
        this.queuedReasons = queuedReasons;
        this.callbacks = callbacks;
        this.book = book;
        this.publisher = publisher;
        this.parser = parser;
        this.events = events;
        this.config = config;
        this.clock = clock;
        this.maxRequestBytes = properties.gateway().maxRequestSize().toBytes();
        this.evidence = new EvidenceResponses(book, config, clock);
    }

    /**
     * Validates, publishes {@code TaskRequested} (confirmed), records it locally and answers 202 with the view.
     * {@code produces} makes a client that accepts no JSON get its 406 before anything is published, not after.
     */
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a task", description = "Answers 202 only after the broker confirmed the request.",
            // The handler reads the body itself (strict JSON, size limit), so the schema is declared here.
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TaskRequest.class))))
    @ApiResponse(responseCode = "202", description = "Accepted; Location names the task",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TaskView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid request (each bad field in errors[])")
    @ApiResponse(responseCode = "406", description = "The client accepts no JSON")
    @ApiResponse(responseCode = "413", description = "Body larger than the limit")
    @ApiResponse(responseCode = "415", description = "Not UTF-8 JSON, or a Content-Encoding")
    @ApiResponse(responseCode = "503", description = "The broker did not confirm; retry after Retry-After")
    public Mono<ResponseEntity<TaskView>> submit(ServerHttpRequest request) {
        String clientId = submitter(request);
        return RequestBodies.readJson(request, maxRequestBytes)
                // Parsing looks a named bundle up in the shared folder (a file-system call): off the event loop.
                .publishOn(Schedulers.boundedElastic())
                .map(parser::parse)
                // The SSRF guard resolves the callback's host: off the event loop (and only when there is one).
                .flatMap(spec -> spec.callback() == null ? Mono.just(spec)
                        : Mono.fromCallable(() -> admitCallback(spec, clientId)).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(spec -> {
                    TaskRequested requested = new TaskRequested(UUID.randomUUID().toString(), spec, clock.instant(),
                            clientId, UUID.randomUUID().toString(), null, null);
                    // Recorded at once so this gateway answers GET before its stream replay reaches the message.
                    return publish(requested).then(Mono.fromSupplier(() -> book.apply(requested).orElseThrow()));
                })
                .map(task -> ResponseEntity.accepted()
                        .location(URI.create("/v1/tasks/" + task.id()))
                        .body(view(task)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a task")
    @ApiResponse(responseCode = "200", description = "The task",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TaskView.class)))
    @ApiResponse(responseCode = "404", description = "Unknown task")
    public TaskView get(@PathVariable String id) {
        return view(find(id));
    }

    /** Newest first; {@code phase} filters, {@code limit} bounds (default 100, at most 1000). */
    @GetMapping
    @Operation(summary = "List tasks, newest first")
    @ApiResponse(responseCode = "200", description = "The tasks", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @io.swagger.v3.oas.annotations.media.ArraySchema(schema = @Schema(implementation = TaskView.class))))
    @ApiResponse(responseCode = "400", description = "Unknown phase or limit out of range")
    public List<TaskView> list(
            @Parameter(description = "only tasks in this phase", schema = @Schema(implementation = Phase.class))
            @RequestParam(required = false) String phase,
            @Parameter(description = "at most this many (1-1000, default 100)", schema = @Schema(type = "integer"))
            @RequestParam(required = false) String limit) {
        return book.list(phase(phase), limit(limit)).stream().map(this::view).toList();
    }

    /** History so far, then live phase changes; completes after the terminal phase. */
    @GetMapping("/{id}/events")
    @Operation(summary = "Follow a task", description = "Server-sent events: the history, then each phase; closes after the terminal one.")
    @ApiResponse(responseCode = "200", description = "Phase events", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = PhaseEventView.class)))
    @ApiResponse(responseCode = "404", description = "Unknown task")
    public Flux<ServerSentEvent<PhaseEventView>> events(@PathVariable String id) {
        find(id);
        return events.events(id);
    }

    /** Publishes {@code CancelTask} (confirmed) for a task that has not ended; 406 (before publishing) as for submit. */
    @DeleteMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel a task", description = "Answers 202 only after the broker confirmed the cancel.")
    @ApiResponse(responseCode = "202", description = "Cancel requested",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TaskView.class)))
    @ApiResponse(responseCode = "404", description = "Unknown task")
    @ApiResponse(responseCode = "409", description = "The task already ended")
    @ApiResponse(responseCode = "503", description = "The broker did not confirm; retry after Retry-After")
    public Mono<ResponseEntity<TaskView>> cancel(@PathVariable String id) {
        TaskState task = find(id);
        if (task.isTerminal()) {
            throw new TaskAlreadyEndedException(id, task.phase());
        }
        CancelTask cancel = new CancelTask(id, clock.instant());
        return publish(cancel)
                .then(Mono.fromSupplier(() -> book.apply(cancel).orElseThrow()))
                .map(cancelled -> ResponseEntity.accepted().body(view(cancelled)));
    }

    /** The view, with the reason it waits while it is QUEUED (computed only then). */
    private TaskView view(TaskState task) {
        return TaskView.of(task, task.phase() == Phase.QUEUED ? queuedReasons.forTask(task.spec().workers().replicas()) : null);
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
    @ApiResponse(responseCode = "404", description = "Unknown task, or no such log yet")
    @ApiResponse(responseCode = "410", description = "The evidence was removed after its retention")
    public Mono<ResponseEntity<Flux<DataBuffer>>> logs(
            @PathVariable String id,
            @Parameter(description = "master (default) or worker") @RequestParam(required = false) String role,
            @Parameter(description = "with role=worker: only this worker (1, 2, …), unprefixed") @RequestParam(required = false) String slot,
            @Parameter(description = "true: stream the master's log until the task ends") @RequestParam(required = false) String follow) {
        TaskState task = find(id);
        return evidence.logs(task, EvidenceResponses.LogQuery.parse(role, slot, follow));
    }

    /** A zip of the task's logs and of what the master wrote to {@code /atq/results}, streamed. */
    @GetMapping("/{id}/artifacts")
    @Operation(summary = "A task's logs and results as a zip", description = "master.log, workers/worker-<slot>.log, results/…; "
            + "served once the task has ended, until its evidence expires.")
    @ApiResponse(responseCode = "200", description = "The zip (Content-Disposition: attachment)",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "Unknown task, or it left nothing")
    @ApiResponse(responseCode = "409", description = "The task has not ended")
    @ApiResponse(responseCode = "410", description = "The evidence was removed after its retention")
    public ResponseEntity<Flux<DataBuffer>> artifacts(@PathVariable String id) {
        return evidence.artifacts(find(id));
    }

    private TaskSpec admitCallback(TaskSpec spec, String clientId) {
        List<Violation> violations = callbacks.admit(spec, clientId);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(TaskRequestParser.TITLE, violations);
        }
        return spec;
    }

    /**
     * The client whose bearer token this is, or {@code null}. Stand-in until the authentication filter lands (it will
     * provide the authenticated client instead): only the token's SHA-256 is compared with the configured clients.
     */
    private String submitter(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(header.substring(7).trim().getBytes(StandardCharsets.UTF_8)));
            return config.clients().stream().filter(c -> c.tokenSha256().equals(hash)).map(ClientConfig::id).findFirst().orElse(null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private TaskState find(String id) {
        if (!TASK_ID.matcher(id).matches()) {
            throw new TaskNotFoundException(id);
        }
        return book.find(id).orElseThrow(() -> new TaskNotFoundException(id));
    }

    // Waiting for the broker's confirm blocks: keep it off the event loop.
    private Mono<Void> publish(TaskMessage message) {
        return Mono.<Void>fromRunnable(() -> publisher.publish(message)).subscribeOn(Schedulers.boundedElastic());
    }

    private static Phase phase(String text) {
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

    private static int limit(String text) {
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
