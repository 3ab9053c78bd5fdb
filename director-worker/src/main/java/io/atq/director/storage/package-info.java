/** Task folders under the shared path (AtqConfig.sharedPath): created per task, receive the master's log. */
package io.atq.director.storage;
