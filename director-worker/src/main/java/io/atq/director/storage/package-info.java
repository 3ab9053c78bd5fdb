/** Task folders under the shared path (AtqConfig.sharedPath): created per task, receive the master's log. */
@NullMarked
package io.atq.director.storage;

import org.jspecify.annotations.NullMarked;
