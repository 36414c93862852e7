package org.cubekvm.api.auth;

import java.util.Locale;

/** The roles of docs/api.md, each including the ones below it: {@code admin ⊃ operator ⊃ viewer}. */
public enum Role {
    /** Watch video and status. */
    VIEWER,
    /** Also keyboard, mouse, paste, ATX, virtual media. */
    OPERATOR,
    /** Also users, settings, bundles, TLS. */
    ADMIN;

    /** @return whether this role may do what {@code required} may do */
    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    /** The name used in JSON: {@code admin}, {@code operator}, {@code viewer}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the role named {@code id} ({@code admin}/{@code operator}/{@code viewer}), or null */
    public static Role fromId(String id) {
        if (id == null) {
            return null;
        }
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        return null;
    }
}
