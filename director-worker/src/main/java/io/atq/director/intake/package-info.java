/**
 * Taking TaskRequested commands off the request queue: decode, re-validate, decide (pure), act, and say what becomes
 * of the message ({@link io.atq.director.intake.TaskIntake.Result}); the broker side is in {@code intake.rabbit}.
 */
@NullMarked
package io.atq.director.intake;

import org.jspecify.annotations.NullMarked;
