/** REST conventions shared by every bundle that serves JSON: the error shape of docs/api.md. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.cubekvm.api.rest;
