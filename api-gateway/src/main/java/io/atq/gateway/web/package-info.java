/** HTTP adapter: routes, strict request parsing, views and RFC 9457 problem details. */
@NullMarked
package io.atq.gateway.web;

import org.jspecify.annotations.NullMarked;
