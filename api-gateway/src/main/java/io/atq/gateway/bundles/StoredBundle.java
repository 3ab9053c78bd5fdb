package io.atq.gateway.bundles;

/**
 * The outcome of storing an upload.
 *
 * @param info    the bundle
 * @param created whether this upload created it (false: the same archive was stored before)
 */
public record StoredBundle(BundleInfo info, boolean created) {
}
