package org.cubekvm.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@code docs/api.md} documents every endpoint of the running platform: each REST resource method
 * (its method and path, from the Jakarta REST whiteboard's runtime DTO) and each servlet path (from
 * the HTTP whiteboard's runtime DTO; a WebSocket needs a {@code WS} row) has a row there. The row
 * format is described at the top of docs/api.md and parsed by {@link ApiReference}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApiReferenceIT extends PlatformTest {
    @Test
    public void everyEndpointOfTheRunningPlatformHasARowInDocsApiMd() throws Exception {
        ApiReference reference = ApiReference.read(ApiReference.file());
        List<Endpoints.ServletEndpoint> servlets = Endpoints.servlets(context);
        List<Endpoints.RestEndpoint> resources = Endpoints.resources(context);
        // The enumeration must see endpoints we know of, or an empty platform would pass.
        assertTrue("REST resources enumerated: " + resources, resources.size() >= 30);
        assertTrue("servlets enumerated: " + servlets, servlets.stream().anyMatch(s -> s.webSocket()));

        List<String> missing = new ArrayList<>();
        for (Endpoints.RestEndpoint resource : resources) {
            if (!reference.documents(resource.method(), resource.path())) {
                missing.add("| " + resource.method() + " | " + resource.path() + " | … |");
            }
        }
        for (Endpoints.ServletEndpoint servlet : servlets) {
            boolean documented = servlet.webSocket() ? reference.documents("WS", servlet.path())
                    : reference.documentsPath(servlet.path());
            if (!documented) {
                missing.add("| " + (servlet.webSocket() ? "WS" : "GET") + " | " + servlet.path() + " | … | (servlet "
                        + servlet.name() + ")");
            }
        }
        assertTrue(missing.size() + " endpoint(s) of the running platform have no row in " + ApiReference.file()
                + " (add them, path parameters as {name}):\n" + String.join("\n", missing), missing.isEmpty());
    }

    @Test
    public void theRowParserFollowsTheRulesAtTheTopOfDocsApiMd() {
        ApiReference reference = ApiReference.parse(List.of(
                "| GET/PUT | /api/video/settings | what |",
                "| WS | `/api/hid` | what |",
                "| DELETE | /api/auth/tokens/{id} | what |",
                "| status | code | when |",
                "| 404 | `not_found` | no such path |",
                "GET /api/not/a/row"));
        assertTrue(reference.documents("GET", "/api/video/settings"));
        assertTrue(reference.documents("PUT", "/api/video/settings"));
        assertTrue(reference.documents("WS", "/api/hid"));
        assertTrue("parameter names do not matter", reference.documents("DELETE", "/api/auth/tokens/{name}"));
        assertTrue(reference.documents("DELETE", Endpoints.concrete("auth/tokens/{id: [0-9]+}")));
        assertFalse(reference.documents("POST", "/api/video/settings"));
        assertFalse(reference.documents("GET", "/api/hid"));
        assertFalse(reference.documentsPath("/api/not/a/row"));
        assertTrue(reference.documentsPath("/api/hid"));
        assertFalse("headers and other tables are no rows", reference.documentsPath("code"));
    }
}
