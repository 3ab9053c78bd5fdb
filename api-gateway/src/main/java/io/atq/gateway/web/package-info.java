/** HTTP adapter: routes, strict request parsing, views and RFC 9457 problem details. */
package io.atq.gateway.web;
