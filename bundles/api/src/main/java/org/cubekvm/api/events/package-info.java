/**
 * Server-to-page events: one push channel ({@code WS /api/events}) that every page keeps open,
 * so state changes (ATX LEDs, power, media) reach browsers without a polling loop per viewer.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.cubekvm.api.events;
