/** Taking TaskRequested commands off the request queue: decode, re-validate, decide (pure), act, and acknowledge. */
package io.atq.director.intake;
