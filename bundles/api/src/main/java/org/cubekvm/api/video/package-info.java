/**
 * Video: raw frame sources, encoders (the native bridge) and the capture fan-out that the
 * stream transports consume. The frame path allocates nothing per frame.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.cubekvm.api.video;
