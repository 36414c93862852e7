/** What a TCP socket still holds, read through the native bundle's thin primitive (stream pacing on slow links). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.cubekvm.api.net;
