package org.cubekvm.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.cubekvm.api.rest.ApiException;
import org.junit.jupiter.api.Test;

class GsonJsonProviderTest {
    private final GsonJsonProvider provider = new GsonJsonProvider();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object read(String json) throws Exception {
        return provider.readFrom((Class) Map.class, Map.class, new Annotation[0], null, null,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deepNestingIs400() {
        String deep = "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
        ApiException e = assertThrows(ApiException.class, () -> read(deep));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("Nesting limit"), e.getMessage());
    }

    @Test
    void shallowBodiesAreRead() throws Exception {
        assertEquals(Map.of("a", java.util.List.of(java.util.List.of())), read("{\"a\":[[]]}"));
    }

    @Test
    void aBodyLargerThanTheBackstopIs413() {
        String big = "{\"a\":\"" + "x".repeat(GsonJsonProvider.MAX_BODY_BYTES) + "\"}";
        ApiException e = assertThrows(ApiException.class, () -> read(big));
        assertEquals(413, e.status());
    }

    @Test
    void trailingDataIs400() {
        ApiException e = assertThrows(ApiException.class, () -> read("{} {}"));
        assertEquals(400, e.status());
    }
}
