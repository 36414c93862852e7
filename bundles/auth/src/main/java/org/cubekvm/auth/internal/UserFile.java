package org.cubekvm.auth.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.auth.TokenScope;
import org.cubekvm.common.files.SecretFiles;

/**
 * {@code <data>/users}: every account, JSON, written atomically with mode 0600. Holds password
 * hashes and token hashes only.
 */
final class UserFile {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path file;

    UserFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    private static final class FileForm {
        int version = 1;
        List<UserForm> users = new ArrayList<>();
    }

    private static final class UserForm {
        String username;
        String role;
        boolean enabled;
        String password;
        List<TokenForm> tokens = new ArrayList<>();
    }

    private static final class TokenForm {
        String id;
        String name;
        String sha256;
        long created;
        /** Absent (files of earlier versions) or {@code all}: everything the role allows. */
        String scope;
    }

    List<StoredUser> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        FileForm form;
        try {
            form = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), FileForm.class);
        } catch (JsonParseException e) {
            throw new IOException("the users file is not valid JSON (" + e.getMessage() + ")", e);
        }
        List<StoredUser> users = new ArrayList<>();
        if (form == null || form.users == null) {
            return users;
        }
        for (UserForm user : form.users) {
            Role role = Role.fromId(user.role);
            if (user.username == null || role == null || user.password == null) {
                throw new IOException("the users file has an entry without username, password or a known role");
            }
            List<StoredUser.StoredToken> tokens = new ArrayList<>();
            if (user.tokens != null) {
                for (TokenForm token : user.tokens) {
                    TokenScope scope = token.scope == null ? TokenScope.ALL : TokenScope.fromId(token.scope);
                    if (scope == null) {
                        throw new IOException("the users file has a token with an unknown scope");
                    }
                    tokens.add(new StoredUser.StoredToken(token.id, token.name, token.sha256, token.created, scope));
                }
            }
            users.add(new StoredUser(user.username, role, user.enabled, user.password, tokens));
        }
        return users;
    }

    void save(List<StoredUser> users) throws IOException {
        FileForm form = new FileForm();
        for (StoredUser user : users) {
            UserForm entry = new UserForm();
            entry.username = user.username();
            entry.role = user.role().id();
            entry.enabled = user.enabled();
            entry.password = user.passwordHash();
            for (StoredUser.StoredToken token : user.tokens()) {
                TokenForm t = new TokenForm();
                t.id = token.id();
                t.name = token.name();
                t.sha256 = token.sha256();
                t.created = token.createdMillis();
                t.scope = token.scope() == TokenScope.ALL ? null : token.scope().id();
                entry.tokens.add(t);
            }
            form.users.add(entry);
        }
        SecretFiles.write(file, GSON.toJson(form).getBytes(StandardCharsets.UTF_8));
    }
}
