/** How much this director and the whole swarm may run at once, and why intake pauses (pure). */
package io.atq.director.capacity;
