/** What both apps share about the process they run in (plain Java): start-up settings, the shared folder's readiness. */
@NullMarked
package io.atq.contracts.runtime;

import org.jspecify.annotations.NullMarked;
