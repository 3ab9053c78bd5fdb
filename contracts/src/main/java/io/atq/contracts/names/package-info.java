/** Names shared by gateway and directors: broker topology, headers, Swarm labels, injected environment variables. */
package io.atq.contracts.names;
