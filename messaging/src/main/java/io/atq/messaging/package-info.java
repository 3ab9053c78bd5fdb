/** What a publish to the broker can end in, free of any broker client: {@link io.atq.messaging.PublishException}. */
@NullMarked
package io.atq.messaging;

import org.jspecify.annotations.NullMarked;
