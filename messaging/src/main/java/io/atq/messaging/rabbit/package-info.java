/** The ATQ topology declared once, and the one confirmed publisher every app's broker adapters go through. */
@NullMarked
package io.atq.messaging.rabbit;

import org.jspecify.annotations.NullMarked;
