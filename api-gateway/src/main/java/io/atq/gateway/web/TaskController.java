package io.atq.gateway.web;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.phase.Phase;
import io.atq.gateway.config.GatewayProperties;
import io.atq.gateway.idempotency.IdempotencyKey;
import io.atq.gateway.publish.TaskPublisher;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskState;
import io.atq.gateway.tenancy.TaskAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The task API (v1). */
@RestController
@RequestMapping("/v1/tasks")
@Tag(name = "tasks", description = "Submit, follow and cancel tasks")
public class TaskController {
    /**
     * Ids are UUIDs (random, or derived from an idempotency key) in canonical lower-case form; anything else cannot be
     * a task (and never reaches a path).
     */
    private static final Pattern TASK_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String MASTER_LOG = "master.log";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final MediaType TEXT_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    /** Answer header of a keyed submission answered with the task an earlier submission created. */
    static final String REPLAYED = "Idempotent-Replayed";

    private final TaskBook book;
    private final TaskPublisher publisher;
    private final TaskSubmission submission;
    private final TaskRequestParser parser;
    private final TaskEventStream events;
    private final AtqConfig config;
    private final Clock clock;
    private final long maxRequestBytes;

    public TaskController(TaskBook book, TaskPublisher publisher, TaskSubmission submission, TaskRequestParser parser,
                          TaskEventStream events, AtqConfig config, Clock clock, GatewayProperties properties) {
        this.book = book;
        this.publisher = publisher;
        this.submission = submission;
        this.parser = parser;
        this.events = events;
        this.config = config;
        this.clock = clock;
        this.maxRequestBytes = properties.gateway().maxRequestSize().toBytes();
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
    @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, required = false,
            description = "1-255 printable ASCII characters; the same key and request from the same client give the same task",
            schema = @Schema(type = "string", minLength = 1, maxLength = 255))
    public Mono<ResponseEntity<TaskView>> submit(ServerHttpRequest request, ClientConfig client) {
        Optional<IdempotencyKey> key = idempotencyKey(request);
        return RequestBodies.readJson(request, maxRequestBytes)
                .map(parser::parse)
                .flatMap(spec -> submission.submit(client, key, spec))
                .map(accepted -> {
                    ResponseEntity.BodyBuilder answer = ResponseEntity.accepted()
                            .location(URI.create("/v1/tasks/" + accepted.task().id()));
                    if (accepted.replayed()) {
                        answer.header(REPLAYED, "true");
                    }
                    return answer.body(TaskView.of(accepted.task()));
                });
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a task")
    @ApiResponse(responseCode = "200", description = "The task",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TaskView.class)))
    @ApiResponse(responseCode = "404", description = "Unknown task")
    public TaskView get(@PathVariable String id, ClientConfig client) {
        return TaskView.of(find(id, client));
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
            @RequestParam(required = false) String limit, ClientConfig client) {
        return book.list(phase(phase), limit(limit), task -> TaskAccess.maySee(client, task)).stream()
                .map(TaskView::of).toList();
    }

    /** History so far, then live phase changes; completes after the terminal phase. */
    @GetMapping("/{id}/events")
    @Operation(summary = "Follow a task", description = "Server-sent events: the history, then each phase; closes after the terminal one.")
    @ApiResponse(responseCode = "200", description = "Phase events", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = PhaseEventView.class)))
    @ApiResponse(responseCode = "404", description = "Unknown task")
    public Flux<ServerSentEvent<PhaseEventView>> events(@PathVariable String id, ClientConfig client) {
        find(id, client);
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
    public Mono<ResponseEntity<TaskView>> cancel(@PathVariable String id, ClientConfig client) {
        TaskState task = find(id, client);
        if (task.isTerminal()) {
            throw new TaskAlreadyEndedException(id, task.phase());
        }
        CancelTask cancel = new CancelTask(id, clock.instant());
        return publish(cancel)
                .then(Mono.fromSupplier(() -> book.apply(cancel).orElseThrow()))
                .map(cancelled -> ResponseEntity.accepted().body(TaskView.of(cancelled)));
    }

    /** The master's log, as the director wrote it to the shared folder (readable after the task's services are gone). */
    @GetMapping("/{id}/logs")
    @Operation(summary = "The master's log")
    @ApiResponse(responseCode = "200", description = "The log", content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE,
            schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "Unknown task, or no log yet")
    public Mono<ResponseEntity<Flux<DataBuffer>>> logs(@PathVariable String id, ClientConfig client) {
        find(id, client);
        Path log = config.taskFolder(id).resolve(MASTER_LOG);
        return Mono.fromCallable(() -> Files.isRegularFile(log))
                .subscribeOn(Schedulers.boundedElastic())
                .map(exists -> {
                    if (!exists) {
                        throw new LogNotFoundException(id);
                    }
                    return ResponseEntity.ok().contentType(TEXT_UTF8)
                            .body(DataBufferUtils.read(log, DefaultDataBufferFactory.sharedInstance, 8192));
                });
    }

    /** The task, if {@code client} may see it; another client's task is "not found", exactly like an unknown id. */
    private TaskState find(String id, ClientConfig client) {
        if (!TASK_ID.matcher(id).matches()) {
            throw new TaskNotFoundException(id);
        }
        return book.find(id).filter(task -> TaskAccess.maySee(client, task)).orElseThrow(() -> new TaskNotFoundException(id));
    }

    private static Optional<IdempotencyKey> idempotencyKey(ServerHttpRequest request) {
        try {
            return IdempotencyKey.from(request.getHeaders().getOrEmpty(IdempotencyKey.HEADER));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("Invalid request header", IdempotencyKey.HEADER, e.getMessage());
        }
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
