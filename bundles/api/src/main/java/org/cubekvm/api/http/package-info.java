/**
 * What the HTTP core tells other bundles about the web server it runs: whether HTTPS serves and on
 * which port ({@link org.cubekvm.api.http.HttpsEndpoint}, 1.0.0).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.cubekvm.api.http;
