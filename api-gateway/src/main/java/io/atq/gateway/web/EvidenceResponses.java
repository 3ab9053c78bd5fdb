package io.atq.gateway.web;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.evidence.ArtifactZip;
import io.atq.gateway.evidence.EvidenceRetention;
import io.atq.gateway.evidence.LogLines;
import io.atq.gateway.evidence.LogTail;
import io.atq.gateway.evidence.ResultFiles;
import io.atq.gateway.evidence.TaskFolder;
import io.atq.gateway.problems.EvidenceExpiredException;
import io.atq.gateway.problems.InvalidRequestException;
import io.atq.gateway.problems.LogNotFoundException;
import io.atq.gateway.problems.SummaryNotFoundException;
import io.atq.gateway.problems.TaskNotEndedException;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskState;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The answers of {@code GET /v1/tasks/{id}/logs}, {@code /results}, {@code /summary} and {@code /artifacts}, for a task
 * the controller has already found (and, with tenancy, checked). Files are read off the event loop.
 */
final class EvidenceResponses {
    static final MediaType TEXT_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);
    static final MediaType ZIP = MediaType.parseMediaType("application/zip");
    /** How often a followed log is looked at; the director appends as the master writes. */
    static final Duration FOLLOW_POLL = Duration.ofMillis(250);
    private static final int LINES_PER_BUFFER = 512;
    private static final int SUMMARY_BUFFER = 64 * 1024;
    /** At most this many files in one answer of {@code /results}. */
    static final int MAX_RESULT_FILES = 1000;
    private static final Set<String> ROLES = Set.of("master", "worker");

    private final TaskBook book;
    private final AtqConfig config;
    private final Clock clock;
    private final SecretArgs secrets;
    private final EvidenceRetention retention;

    EvidenceResponses(TaskBook book, AtqConfig config, Clock clock) {
        this.book = book;
        this.config = config;
        this.clock = clock;
        this.secrets = new SecretArgs(config);
        this.retention = new EvidenceRetention(config.evidence().retention());
    }

    /** The checked query of a logs request. */
    record LogQuery(boolean worker, @Nullable Integer slot, boolean follow) {
        static LogQuery parse(@Nullable String role, @Nullable String slot, @Nullable String follow) {
            String r = role == null || role.isEmpty() ? "master" : role;
            if (!ROLES.contains(r)) {
                throw InvalidRequestException.of("Invalid query parameter", "role", "must be master or worker, was '" + role + "'");
            }
            boolean following = false;
            if (follow != null && !follow.isEmpty()) {
                if (!follow.equals("true") && !follow.equals("false")) {
                    throw InvalidRequestException.of("Invalid query parameter", "follow", "must be true or false, was '" + follow + "'");
                }
                following = follow.equals("true");
            }
            Integer n = null;
            if (slot != null && !slot.isEmpty()) {
                if (!r.equals("worker")) {
                    throw InvalidRequestException.of("Invalid query parameter", "slot", "applies to role=worker only");
                }
                if (!slot.matches("[1-9][0-9]{0,5}")) {
                    throw InvalidRequestException.of("Invalid query parameter", "slot", "must be a worker slot (1, 2, …), was '" + slot + "'");
                }
                n = Integer.parseInt(slot);
            }
            if (following && r.equals("worker")) {
                throw InvalidRequestException.of("Invalid query parameter", "follow",
                        "applies to role=master only: the workers' logs are collected when the task ends");
            }
            return new LogQuery(r.equals("worker"), n, following);
        }
    }

    Mono<ResponseEntity<Flux<DataBuffer>>> logs(TaskState task, LogQuery query) {
        requireNotExpired(task);
        TaskFolder folder = new TaskFolder(config.sharedFolder().task(task.id()));
        UnaryOperator<String> scrubber = secrets.scrubber(task.spec());
        return Mono.fromCallable(() -> body(task, folder, query, scrubber))
                .subscribeOn(Schedulers.boundedElastic())
                .map(body -> ResponseEntity.ok().contentType(TEXT_UTF8).body(body));
    }

    private Flux<DataBuffer> body(TaskState task, TaskFolder folder, LogQuery query, UnaryOperator<String> scrubber) {
        if (!query.worker()) {
            if (query.follow() && !task.isTerminal()) {
                // Answered at once; the lines come as the director appends them, also before the master has started.
                return follow(task.id(), folder.masterLog(), LogLines.rendering(scrubber, null));
            }
            if (!folder.hasMasterLog()) {
                throw new LogNotFoundException(task.id());
            }
            return lines(folder.masterLog(), LogLines.rendering(scrubber, null));
        }
        Map<Integer, Path> logs = folder.workerLogs();
        if (query.slot() != null) {
            Path log = logs.get(query.slot());
            if (log == null) {
                throw new LogNotFoundException(task.id(), "task " + task.id() + " has no log of worker " + query.slot()
                        + (task.isTerminal() ? " (slots: " + logs.keySet() + ")" : " yet: the workers' logs are collected when the task ends"));
            }
            return lines(log, LogLines.rendering(scrubber, null));
        }
        if (logs.isEmpty()) {
            throw new LogNotFoundException(task.id(), "task " + task.id() + " has no worker logs"
                    + (task.isTerminal() ? "" : " yet: they are collected when the task ends"));
        }
        return Flux.fromIterable(logs.entrySet())
                .concatMap(entry -> lines(entry.getValue(), LogLines.rendering(scrubber, entry.getKey())));
    }

    ResponseEntity<Flux<DataBuffer>> artifacts(TaskState task) {
        if (!task.isTerminal()) {
            throw new TaskNotEndedException(task.id(), task.phase());
        }
        requireNotExpired(task);
        TaskFolder folder = new TaskFolder(config.sharedFolder().task(task.id()));
        if (!Files.isDirectory(folder.root())) {
            throw new LogNotFoundException(task.id(), "task " + task.id() + " left no logs or results (it ended before a director prepared its folder)");
        }
        UnaryOperator<String> scrubber = secrets.scrubber(task.spec());
        // Written entry by entry into the response as the client reads it: never the whole archive in memory.
        Flux<DataBuffer> zip = Flux.from(DataBufferUtils.outputStreamPublisher(
                out -> ArtifactZip.write(folder, scrubber, out), DefaultDataBufferFactory.sharedInstance,
                command -> Thread.ofVirtual().name("artifacts-" + task.id()).start(command)));
        return ResponseEntity.ok()
                .contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(ArtifactZip.fileName(task.id())).build().toString())
                .body(zip);
    }

    /** The files the master has written to its results so far (also while it runs); 410 once the evidence expired. */
    Mono<ResultsView> results(TaskState task) {
        requireNotExpired(task);
        TaskFolder folder = new TaskFolder(config.sharedFolder().task(task.id()));
        return Mono.fromCallable(() -> ResultsView.of(ResultFiles.list(folder, MAX_RESULT_FILES))).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The results summary the director wrote when the task ended, as it wrote it; 404 before the end and when there is
     * none. Only an ended task's is served: the director writes it before it records the end, so it is whole by then.
     */
    Mono<ResponseEntity<Flux<DataBuffer>>> summary(TaskState task) {
        if (!task.isTerminal()) {
            throw new SummaryNotFoundException(task.id(), "task " + task.id() + " has not ended (" + task.phase()
                    + "): its results summary is written once its master has ended");
        }
        requireNotExpired(task);
        TaskFolder folder = new TaskFolder(config.sharedFolder().task(task.id()));
        return Mono.fromCallable(() -> {
                    if (!folder.hasResultsSummary()) {
                        throw new SummaryNotFoundException(task.id(), "task " + task.id() + " ended (" + task.phase()
                                + ") without a results summary: it ended before its master ran, or its director could not "
                                + "write one (the task's evidence says why)");
                    }
                    return folder.resultsSummary();
                })
                .subscribeOn(Schedulers.boundedElastic())
                .map(file -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                        .body(DataBufferUtils.read(file, DefaultDataBufferFactory.sharedInstance, SUMMARY_BUFFER)));
    }

    private void requireNotExpired(TaskState task) {
        if (retention.expired(task, clock.instant())) {
            throw new EvidenceExpiredException(task.id(), retention.expiresAt(task).orElseThrow());
        }
    }

    /** A whole file, line by line, in buffers of many lines. */
    private static Flux<DataBuffer> lines(Path file, UnaryOperator<String> render) {
        return Flux.using(() -> Files.newBufferedReader(file, StandardCharsets.UTF_8),
                        (BufferedReader reader) -> Flux.fromStream(reader.lines()),
                        EvidenceResponses::closeQuietly)
                .map(render)
                .buffer(LINES_PER_BUFFER)
                .map(EvidenceResponses::encode)
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The file from its start, then every line appended, until the task is terminal and the file is read to its end.
     * The phase is read before the file: the director completes the log before it records the terminal phase, so
     * the read after seeing it gets every line.
     */
    private Flux<DataBuffer> follow(TaskId taskId, Path file, UnaryOperator<String> render) {
        return Flux.defer(() -> {
            LogTail tail = new LogTail(file);
            return Flux.interval(Duration.ZERO, FOLLOW_POLL, Schedulers.boundedElastic())
                    .onBackpressureDrop()
                    .concatMap(tick -> Mono.fromCallable(() -> {
                        boolean ended = book.find(taskId).map(TaskState::isTerminal).orElse(true);
                        return new Batch(tail.poll(ended), ended);
                    }).subscribeOn(Schedulers.boundedElastic()), 1)
                    .takeUntil(Batch::last)
                    .filter(batch -> !batch.lines().isEmpty())
                    .map(batch -> encode(batch.lines().stream().map(render).toList()));
        });
    }

    private record Batch(List<String> lines, boolean last) {
    }

    private static DataBuffer encode(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return DefaultDataBufferFactory.sharedInstance.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void closeQuietly(BufferedReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
