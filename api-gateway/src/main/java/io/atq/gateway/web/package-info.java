/** HTTP adapter: routes, web filters, strict request parsing and submission; the JSON shapes are in {@code views}, the problems in {@code problems}. */
@NullMarked
package io.atq.gateway.web;

import org.jspecify.annotations.NullMarked;
