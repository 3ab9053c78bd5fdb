package io.atq.gateway.webhooks.http;

import io.atq.contracts.config.ClientConfig;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskState;
import io.atq.gateway.tenancy.TaskAccess;
import io.atq.gateway.problems.TaskNotFoundException;
import io.atq.gateway.webhooks.DeliveryLedger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /v1/tasks/{id}/deliveries}: every webhook attempt for a task, by any gateway, for whoever may see the task. */
@RestController
@RequestMapping("/v1/tasks")
@Tag(name = "tasks")
public class WebhookDeliveryController {
    private final TaskBook book;
    private final DeliveryLedger ledger;

    public WebhookDeliveryController(TaskBook book, DeliveryLedger ledger) {
        this.book = book;
        this.ledger = ledger;
    }

    @GetMapping(value = "/{id}/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Webhook attempts of a task", description = "Every attempt by any gateway, oldest first (empty without a callback).")
    @ApiResponse(responseCode = "200", description = "The attempts", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = DeliveryView.class))))
    @ApiResponse(responseCode = "404", description = "Unknown task, or another client's")
    public List<DeliveryView> deliveries(@PathVariable String id, ClientConfig client) {
        // The same lookup as the task routes: a task this caller may not see is unknown to it.
        TaskState task = TaskAccess.find(book, client, id).orElseThrow(() -> new TaskNotFoundException(id));
        return ledger.attempts(task.id()).stream().map(DeliveryView::of).toList();
    }
}
