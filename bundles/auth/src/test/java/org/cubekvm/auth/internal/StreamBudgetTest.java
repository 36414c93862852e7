package org.cubekvm.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.rest.ApiException;
import org.junit.jupiter.api.Test;

class StreamBudgetTest {
    @Test
    void capsPerCredentialAndInTotalAndGivesSlotsBack() {
        StreamBudget budget = new StreamBudget(3, 5);
        List<AccessGuard.Registration> a = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            a.add(budget.acquire("s:a"));
        }
        ApiException perCredential = assertThrows(ApiException.class, () -> budget.acquire("s:a"));
        assertEquals(429, perCredential.status());
        assertEquals("too_many_streams", perCredential.code());
        budget.acquire("t:b");
        budget.acquire("t:b");
        assertEquals(429, assertThrows(ApiException.class, () -> budget.acquire("t:c")).status(), "the device is full");
        a.get(0).close();
        a.get(0).close(); // twice: gives back one slot only
        assertEquals(4, budget.total());
        budget.acquire("t:c");
        assertThrows(ApiException.class, () -> budget.acquire("s:a"));
    }
}
