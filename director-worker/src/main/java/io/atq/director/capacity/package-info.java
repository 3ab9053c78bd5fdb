/** How much this director and the whole swarm may run at once, and why intake pauses (pure). */
@NullMarked
package io.atq.director.capacity;

import org.jspecify.annotations.NullMarked;
