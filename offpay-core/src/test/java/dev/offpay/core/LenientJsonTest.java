package dev.offpay.core;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LenientJsonTest {

    @Test
    void readsPlainJson() {
        Object v = LenientJson.parse(" { \"a\" : 1, \"b\": [true, false, null, \"x\"], \"c\": {\"d\": -12}, \"e\": {} , \"f\": [] } ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", 1L);
        expected.put("b", java.util.Arrays.asList(true, false, null, "x"));
        expected.put("c", Map.of("d", -12L));
        expected.put("e", Map.of());
        expected.put("f", List.of());
        assertEquals(expected, v);
    }

    @Test
    void scalarsAtTheTop() {
        assertEquals("hi", LenientJson.parse("\"hi\""));
        assertEquals(5L, LenientJson.parse("5"));
        assertEquals(Boolean.TRUE, LenientJson.parse("true"));
        assertNull(LenientJson.parse("null"));
        assertEquals("1.5", LenientJson.parse("1.5"), "decimals are kept as text");
        assertEquals("1e3", LenientJson.parse("1e3"));
    }

    @Test
    void stringEscapes() {
        assertEquals("a\"b\\c/d\ne\tf\rg\bh\fi\u00e9", LenientJson.parse("\"a\\\"b\\\\c\\/d\\ne\\tf\\rg\\bh\\fi\\u00e9\""));
    }

    @Test
    void membersKeepTheirOrderAndTheLastDuplicateWins() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) LenientJson.parse("{\"z\":1,\"a\":2,\"z\":3}");
        assertEquals(List.of("z", "a"), List.copyOf(m.keySet()));
        assertEquals(3L, m.get("z"));
    }

    @Test
    void mergesTheGuidesBareObjectIntoTheEnclosingObject() {
        Object v = LenientJson.parse("{\"SandboxSimulation\": {\"State\": \"Declined\"}, {\"ReasonCode\": \"AmazonRejected\"}}");
        assertEquals(Map.of("SandboxSimulation", Map.of("State", "Declined"), "ReasonCode", "AmazonRejected"), v);
        Object first = LenientJson.parse("{{\"a\":1}, \"b\": 2}");
        assertEquals(Map.of("a", 1L, "b", 2L), first);
    }

    @Test
    void rejectsWhatIsNotJsonWithAPosition() {
        String[] bad = {"", "   ", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "[1,", "[1 2]", "\"open", "{} x", "tru",
                "'single'", "\"\\u12\"", "{\"a\":1 \"b\":2}"};
        for (String s : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LenientJson.parse(s), s);
            assertTrue(e.getMessage().contains(" at position "), s + " -> " + e.getMessage());
        }
    }
}
