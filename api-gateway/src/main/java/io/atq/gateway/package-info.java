/** The ATQ HTTP gateway: accepts task requests, publishes them to the broker and serves a read model of every task. */
@NullMarked
package io.atq.gateway;

import org.jspecify.annotations.NullMarked;
