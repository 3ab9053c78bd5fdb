/** The ATQ HTTP gateway: accepts task requests, publishes them to the broker and serves a read model of every task. */
package io.atq.gateway;
