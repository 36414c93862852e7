package org.cubekvm.redfish.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.cubekvm.api.media.Medium;

/**
 * The resources, shaped by the DMTF schema versions named in {@code @odata.type}: ServiceRoot
 * v1_5_0, ComputerSystem v1_13_0, Manager v1_10_0, VirtualMedia v1_3_0, SessionService v1_1_8 and
 * the collections. Only what the platform really has is reported.
 */
final class RedfishDocuments {
    static final String ROOT = "/redfish/v1";
    static final String SYSTEM = ROOT + "/Systems/1";
    static final String MANAGER = ROOT + "/Managers/1";
    static final String MEDIA = MANAGER + "/VirtualMedia";
    static final String CD = MEDIA + "/CD1";
    static final String RESET = SYSTEM + "/Actions/ComputerSystem.Reset";
    static final String INSERT = CD + "/Actions/VirtualMedia.InsertMedia";
    static final String EJECT = CD + "/Actions/VirtualMedia.EjectMedia";
    static final String SESSION_SERVICE = ROOT + "/SessionService";
    static final String SESSIONS = SESSION_SERVICE + "/Sessions";

    private RedfishDocuments() {
    }

    static JsonObject serviceRoot(String version) {
        JsonObject root = resource(ROOT + "/", "#ServiceRoot.v1_5_0.ServiceRoot", "RootService", "CubeKVM Redfish service");
        root.addProperty("RedfishVersion", "1.6.0");
        root.add("Systems", link(ROOT + "/Systems"));
        root.add("Managers", link(ROOT + "/Managers"));
        root.add("SessionService", link(ROOT + "/SessionService"));
        JsonObject links = new JsonObject();
        links.add("Sessions", link(ROOT + "/SessionService/Sessions"));
        root.add("Links", links);
        root.addProperty("Product", "CubeKVM " + version);
        return root;
    }

    static JsonObject collection(String id, String type, String name, String... members) {
        JsonObject collection = new JsonObject();
        collection.addProperty("@odata.id", id);
        collection.addProperty("@odata.type", type);
        collection.addProperty("Name", name);
        JsonArray list = new JsonArray();
        for (String member : members) {
            list.add(link(member));
        }
        collection.add("Members", list);
        collection.addProperty("Members@odata.count", members.length);
        return collection;
    }

    /** @param power null when no ATX service runs (then PowerState is absent and Reset is not offered) */
    static JsonObject system(Boolean power) {
        JsonObject system = resource(SYSTEM, "#ComputerSystem.v1_13_0.ComputerSystem", "1", "Target machine");
        system.addProperty("SystemType", "Physical");
        JsonObject status = new JsonObject();
        status.addProperty("State", power == null ? "Absent" : "Enabled");
        system.add("Status", status);
        if (power != null) {
            system.addProperty("PowerState", power ? "On" : "Off");
            JsonObject reset = new JsonObject();
            reset.addProperty("target", RESET);
            JsonArray types = new JsonArray();
            for (ResetType type : ResetType.values()) {
                types.add(type.name());
            }
            reset.add("ResetType@Redfish.AllowableValues", types);
            JsonObject actions = new JsonObject();
            actions.add("#ComputerSystem.Reset", reset);
            system.add("Actions", actions);
        }
        JsonObject links = new JsonObject();
        JsonArray managedBy = new JsonArray();
        managedBy.add(link(MANAGER));
        links.add("ManagedBy", managedBy);
        system.add("Links", links);
        return system;
    }

    static JsonObject manager(String version) {
        JsonObject manager = resource(MANAGER, "#Manager.v1_10_0.Manager", "1", "CubeKVM");
        manager.addProperty("ManagerType", "BMC");
        manager.addProperty("FirmwareVersion", version);
        manager.add("VirtualMedia", link(MEDIA));
        JsonObject links = new JsonObject();
        JsonArray managerFor = new JsonArray();
        managerFor.add(link(SYSTEM));
        links.add("ManagerForServers", managerFor);
        manager.add("Links", links);
        return manager;
    }

    /** @param mounted what is in the drive, or null */
    static JsonObject virtualMedia(Medium mounted, String imageUrl) {
        JsonObject media = resource(CD, "#VirtualMedia.v1_3_0.VirtualMedia", "CD1", "Virtual CD/USB drive");
        JsonArray types = new JsonArray();
        types.add("CD");
        types.add("USBStick");
        media.add("MediaTypes", types);
        media.addProperty("ConnectedVia", mounted == null ? "NotConnected" : "URI");
        media.addProperty("Inserted", mounted != null);
        media.addProperty("WriteProtected", mounted == null || mounted.readOnly());
        if (mounted == null) {
            media.add("Image", com.google.gson.JsonNull.INSTANCE);
            media.add("ImageName", com.google.gson.JsonNull.INSTANCE);
        } else {
            media.addProperty("Image", imageUrl == null ? mounted.name() : imageUrl);
            media.addProperty("ImageName", mounted.name());
            media.addProperty("TransferProtocolType", imageUrl != null && imageUrl.regionMatches(true, 0, "https:", 0, 6)
                    ? "HTTPS" : "HTTP");
        }
        JsonObject actions = new JsonObject();
        JsonObject insert = new JsonObject();
        insert.addProperty("target", INSERT);
        actions.add("#VirtualMedia.InsertMedia", insert);
        JsonObject eject = new JsonObject();
        eject.addProperty("target", EJECT);
        actions.add("#VirtualMedia.EjectMedia", eject);
        media.add("Actions", actions);
        return media;
    }

    /** @param enabled whether logins can be made (the auth bundle offers them) */
    static JsonObject sessionService(boolean enabled) {
        JsonObject service = resource(SESSION_SERVICE, "#SessionService.v1_1_8.SessionService", "SessionService",
                "Session service");
        service.addProperty("ServiceEnabled", enabled);
        JsonObject status = new JsonObject();
        status.addProperty("State", enabled ? "Enabled" : "Disabled");
        service.add("Status", status);
        service.add("Sessions", link(SESSIONS));
        return service;
    }

    /** A login session (Session v1_0_0): never its secret; {@code Password} is null in responses. */
    static JsonObject session(String id, String username) {
        JsonObject session = resource(SESSIONS + "/" + id, "#Session.v1_0_0.Session", id, "User session");
        session.addProperty("UserName", username);
        session.add("Password", com.google.gson.JsonNull.INSTANCE);
        return session;
    }

    private static JsonObject resource(String id, String type, String shortId, String name) {
        JsonObject resource = new JsonObject();
        resource.addProperty("@odata.id", id);
        resource.addProperty("@odata.type", type);
        resource.addProperty("Id", shortId);
        resource.addProperty("Name", name);
        return resource;
    }

    static JsonObject link(String id) {
        JsonObject link = new JsonObject();
        link.addProperty("@odata.id", id);
        return link;
    }
}
