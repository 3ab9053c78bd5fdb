/** Taking TaskRequested commands off the request queue: decode, re-validate, decide (pure), act, and acknowledge. */
@NullMarked
package io.atq.director.intake;

import org.jspecify.annotations.NullMarked;
