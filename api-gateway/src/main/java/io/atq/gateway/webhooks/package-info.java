/** Webhook delivery, pure core: signing, the SSRF address policy, the retry ladder, outcomes and the attempts read model. */
package io.atq.gateway.webhooks;
