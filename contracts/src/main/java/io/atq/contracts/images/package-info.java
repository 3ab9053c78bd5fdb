/** Docker image references as one normalised value, parsed once, shared by the whitelist, validation and both apps. */
@NullMarked
package io.atq.contracts.images;

import org.jspecify.annotations.NullMarked;
