/** Names shared by gateway and directors: broker topology, headers, Swarm labels, injected environment variables. */
@NullMarked
package io.atq.contracts.names;

import org.jspecify.annotations.NullMarked;
