/** Webhook delivery, pure core: signing, the SSRF address policy, the retry ladder, outcomes and the attempts read model. */
@NullMarked
package io.atq.gateway.webhooks;

import org.jspecify.annotations.NullMarked;
