package org.cubekvm.webui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StaticPathsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
        "/, /index.html",
        "'', /index.html",
        "/index.html, /index.html",
        "/js/main.js, /js/main.js",
        "/favicon.svg, /favicon.svg",
        "/../etc/passwd, NULL",
        "/js/../index.html, NULL",
        "/.hidden, NULL",
        "/js/.env, NULL",
        "//index.html, NULL",
        "/js/, NULL",
        "/a\\b, NULL",
        "/a b, NULL",
        "/a%2e%2e, NULL",
        "/index.html;x, NULL",
    })
    void normalizes(String path, String expected) {
        assertEquals(expected, StaticPaths.normalize(path, null));
    }

    @Test
    void pathInfoIsAppended() {
        assertEquals("/js/main.js", StaticPaths.normalize("/js", "/main.js"));
    }

    @Test
    void contentTypesAndEtags() {
        assertEquals("text/javascript;charset=utf-8", StaticFile.contentTypeOf("/js/main.js"));
        assertEquals("text/html;charset=utf-8", StaticFile.contentTypeOf("/index.html"));
        assertEquals("application/octet-stream", StaticFile.contentTypeOf("/README"));
        String etag = StaticFile.etagOf(new byte[] {1, 2, 3});
        assertTrue(StaticFile.etagMatches("W/" + etag + ", \"other\"", etag));
        assertFalse(StaticFile.etagMatches("\"other\"", etag));
    }

    @Test
    void pagesAndScriptsCarryThePagePolicyWorkersRunUnder() {
        assertEquals(StaticFile.CONTENT_SECURITY_POLICY, StaticFile.contentSecurityPolicyFor(StaticFile.contentTypeOf("/index.html")));
        assertEquals(StaticFile.CONTENT_SECURITY_POLICY, StaticFile.contentSecurityPolicyFor(StaticFile.contentTypeOf("/js/h264-worker.js")));
        assertEquals(null, StaticFile.contentSecurityPolicyFor(StaticFile.contentTypeOf("/style.css")));
        assertEquals(null, StaticFile.contentSecurityPolicyFor(StaticFile.contentTypeOf("/favicon.svg")));
    }
}
