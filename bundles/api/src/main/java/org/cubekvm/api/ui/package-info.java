/** Web UI extension point: bundles add toolbar buttons to the web app. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.cubekvm.api.ui;
