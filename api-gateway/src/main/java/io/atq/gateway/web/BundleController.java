package io.atq.gateway.web;

import io.atq.contracts.config.AtqConfig;
import io.atq.gateway.bundles.BundleInfo;
import io.atq.gateway.bundles.BundleStore;
import io.atq.gateway.bundles.SharedFolderBundleStore;
import io.atq.gateway.bundles.StoredBundle;
import io.atq.gateway.problems.BundleInUseException;
import io.atq.gateway.problems.BundleNotFoundException;
import io.atq.gateway.problems.RequestTooLargeException;
import io.atq.gateway.tasks.TaskBook;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.util.List;

/**
 * The test-data bundle API (v1): upload a zip or tar.gz, list, read and delete bundles. A task names a bundle by id
 * in its {@code bundle} field; directors mount its files read-only at {@code /atq/data}.
 */
@RestController
@RequestMapping("/v1/bundles")
@Tag(name = "bundles", description = "Test-data bundles mounted read-only at /atq/data in a task's master and workers")
public class BundleController {

    private final BundleStore store;
    private final TaskBook book;
    private final long maxUploadBytes;

    public BundleController(BundleStore store, TaskBook book, AtqConfig config) {
        this.store = store;
        this.book = book;
        this.maxUploadBytes = config.bundles().maxUploadBytes();
    }

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Upload a bundle",
            description = "The body is the archive (zip or tar.gz); its SHA-256 is the bundle's id. The same archive "
                    + "uploaded again is stored once: 200 with the existing bundle.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "application/gzip", schema = @Schema(type = "string", format = "binary"))}))
    @ApiResponse(responseCode = "201", description = "Stored; Location names the bundle",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = BundleView.class)))
    @ApiResponse(responseCode = "200", description = "The same archive was stored before",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = BundleView.class)))
    @ApiResponse(responseCode = "400", description = "Not an acceptable archive (the entry at fault is named)")
    @ApiResponse(responseCode = "413", description = "Larger than bundles.maxUploadSize")
    @ApiResponse(responseCode = "415", description = "Not a zip or gzip media type, or a Content-Encoding")
    public Mono<ResponseEntity<BundleView>> upload(ServerWebExchange exchange) {
        var declared = BundleUploads.declaredFormat(exchange.getRequest().getHeaders());
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (headers.getContentLength() > maxUploadBytes && (BundleUploads.expectsContinue(headers)
                || headers.getContentLength() > BundleUploads.drainLimit(maxUploadBytes))) {
            // Refused before a byte is read. A client that sent "Expect: 100-continue" (curl does for large bodies)
            // then never sends the body; any other is cut off after the answer. A smaller declared excess is read
            // and dropped by receive(), so the client still sees the 413 rather than a reset.
            BundleUploads.closeAfterAnswer(exchange);
            throw new RequestTooLargeException(maxUploadBytes);
        }
        Caller caller = Caller.of(exchange);
        return Mono.fromCallable(store::newUploadFile).subscribeOn(Schedulers.boundedElastic())
                .flatMap(file -> BundleUploads.receive(exchange, file, declared, maxUploadBytes))
                // Extraction reads and writes files: off the event loop.
                .publishOn(Schedulers.boundedElastic())
                .map(upload -> store.store(upload, caller.clientId()))
                .map(BundleController::answer);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List bundles, newest first", description = "A submitter sees the bundles it uploaded; an admin sees all.")
    @ApiResponse(responseCode = "200", description = "The bundles", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = BundleView.class))))
    public Mono<List<BundleView>> list(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return Mono.fromCallable(() -> store.list().stream()
                        .filter(info -> visible(info, caller))
                        .map(BundleView::of)
                        .toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read a bundle's metadata")
    @ApiResponse(responseCode = "200", description = "The bundle",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = BundleView.class)))
    @ApiResponse(responseCode = "404", description = "Unknown bundle, or another client's")
    public Mono<BundleView> get(@PathVariable String id, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return Mono.fromCallable(() -> BundleView.of(find(id, caller))).subscribeOn(Schedulers.boundedElastic());
    }

    @DeleteMapping(value = "/{id}")
    @Operation(summary = "Delete a bundle", description = "Refused while a task that has not ended uses it.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "Unknown bundle, or another client's")
    @ApiResponse(responseCode = "409", description = "Tasks that have not ended use it (named in the problem)")
    public Mono<ResponseEntity<Void>> delete(@PathVariable String id, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return Mono.fromCallable(() -> {
            find(id, caller);
            List<String> users = book.list(null, Integer.MAX_VALUE).stream()
                    .filter(task -> !task.isTerminal() && id.equals(task.spec().bundle()))
                    .map(task -> task.id().value())
                    .toList();
            if (!users.isEmpty()) {
                throw new BundleInUseException(id, users);
            }
            if (!store.delete(id)) {
                throw new BundleNotFoundException(id);
            }
            return ResponseEntity.noContent().<Void>build();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private BundleInfo find(String id, Caller caller) {
        if (!SharedFolderBundleStore.ID.matcher(id).matches()) {
            throw new BundleNotFoundException(id);
        }
        // Another client's bundle is answered as unknown: its existence is not the caller's business.
        return store.find(id).filter(info -> visible(info, caller)).orElseThrow(() -> new BundleNotFoundException(id));
    }

    private static boolean visible(BundleInfo info, Caller caller) {
        return caller.admin() || info.uploadedBy(caller.clientId());
    }

    private static ResponseEntity<BundleView> answer(StoredBundle stored) {
        BundleView view = BundleView.of(stored.info());
        return stored.created()
                ? ResponseEntity.created(URI.create("/v1/bundles/" + view.id())).body(view)
                : ResponseEntity.ok().location(URI.create("/v1/bundles/" + view.id())).body(view);
    }
}
