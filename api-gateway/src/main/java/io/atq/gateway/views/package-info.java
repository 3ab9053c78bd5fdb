/** A task as the API shows it (JSON views, SSE events, list pages), shared by the HTTP routes and the webhook payloads. */
@NullMarked
package io.atq.gateway.views;

import org.jspecify.annotations.NullMarked;
