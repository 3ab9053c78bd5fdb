/** Docker image references as one normalised value, parsed once, shared by the whitelist, validation and both apps. */
package io.atq.contracts.images;
