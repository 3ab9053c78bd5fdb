/** Test-data bundles: safe extraction of uploaded zip and tar.gz archives into content-addressed folders under the shared path. */
@NullMarked
package io.atq.gateway.bundles;

import org.jspecify.annotations.NullMarked;
