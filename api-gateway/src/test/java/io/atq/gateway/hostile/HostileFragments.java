package io.atq.gateway.hostile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;

/** The dangerous pieces hostile requests are built from: characters, image names, arg names, durations, numbers. */
final class HostileFragments {
    /** Characters a parser or a terminal treats specially: controls, separators, bidi, joiners, look-alikes, quotes. */
    static final List<String> CHARACTERS = List.of("\u0000", "\n", "\r", "\t", "\u0007", "\u001b", "\u007f", "\u0085",
            "\u2028", "\u2029", "\u202e", "\u202a", "\u2066", "\u200b", "\u200c", "\u200d", "\ufeff", "\ufffd", "\uffff",
            "а", "е", "о", "ｄ", "ｅ", "Ａ", "😀", "=", "\"", "\\", "'", "/", "{", "}", "[", "]", ":", ",", "%", "$", "`", " ");
    /** Escapes that only exist inside JSON text: lone surrogates and controls, injected into string literals. */
    static final List<String> JSON_ESCAPES = List.of("\\ud800", "\\udfff", "\\udc00\\ud800", "\\u0000", "\\u001b",
            "\\u202e", "\\n", "\\u2028", "\\ud83d\\ude00");
    static final String OTHER_DIGEST = "@sha256:" + "b".repeat(64);
    static final List<String> IMAGE_PARTS = List.of("atq", "demo-worker", "demo-master", "/", ":", "1", "2", "latest",
            OTHER_DIGEST, "@sha256:" + "B".repeat(64), "@sha256:abc", "evil.io/", "docker.io/", "DOCKER.IO/", "index.docker.io/",
            "localhost:5000/", "..", "%2e%2e", "./", "ATQ", "DEMO-WORKER", "аtq", "ｄｅｍｏ", "\u200d", "\u202e", "\u0000",
            " ", "\n", "-", "_", "__", ".", "library/", "@", "::", "//");
    static final List<String> IMAGES = List.of("atq/demo-worker:1", "evil.io/atq/demo-worker:1", "atq/demo-worker:1" + OTHER_DIGEST,
            "ATQ/DEMO-WORKER:1", "DOCKER.IO/atq/demo-worker:1", "../atq/demo-worker:1", "atq/demo-worker:1/../../x",
            "%2e%2e/atq/demo-worker:1", "аtq/demo-worker:1", "ａtq/demo-worker:1", "atq/demo\u200d-worker:1",
            "atq/demo-worker:1\n", "atq/demo-worker", "atq/demo-worker:2", "atq/demo-master:1");
    static final List<String> ARG_NAMES = List.of("MODE", "TEST_NAME", "DURATION", "", "=", "A=B", "MODE=x", "MODE ",
            " MODE", "mode", "1MODE", "MODE\u0000", "MO\nDE", "REMOTES", "ATQ_TASK_ID", "atq_x", "PATH", "LD_PRELOAD",
            "МODE", "ＭODE", "MODE\u200d", "\u202eMODE", "A".repeat(129), "A".repeat(5000));
    static final List<String> DURATIONS = List.of("PT10M", "PT1H", "PT1H0.000000001S", "P1000Y", "-PT1S", "PT0S", "PT-1S",
            "1h", "10m", "PT", "P", "", " PT10M", "PT10M ", "pt10m", "PT99999999999999999999H", "P10675199232D",
            "P1DT1H", "PT0.5S", "PT1M-30S", "PT１0M", "PT10M\u0000");
    static final List<Object> NUMBERS = List.of(0, -1, 1, 3, 10, 11, 65535, 65536, Integer.MAX_VALUE,
            2_147_483_648L, -2_147_483_649L, Long.MAX_VALUE, new BigInteger("1" + "0".repeat(40)),
            new BigDecimal("1e40"), new BigDecimal("3.5"), new BigDecimal("3.0"), new BigDecimal("-0.0"), 1e-300);

    private HostileFragments() {
    }

    static <T> T pick(SplittableRandom random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** A string of up to {@code max} pieces: hostile characters mixed with random code points and plain letters. */
    static String text(SplittableRandom random, int max) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> out.append(pick(random, CHARACTERS));
                case 1 -> out.appendCodePoint(codePoint(random));
                default -> out.append((char) ('a' + random.nextInt(26)));
            }
        }
        return out.toString();
    }

    /** An image string glued together from dangerous parts. */
    static String image(SplittableRandom random) {
        if (random.nextBoolean()) {
            return pick(random, IMAGES);
        }
        StringBuilder out = new StringBuilder();
        int parts = 1 + random.nextInt(7);
        for (int i = 0; i < parts; i++) {
            out.append(pick(random, IMAGE_PARTS));
        }
        return out.toString();
    }

    // Any code point but a surrogate half (those are injected as JSON escapes, see JSON_ESCAPES).
    private static int codePoint(SplittableRandom random) {
        int c = random.nextInt(3) == 0 ? random.nextInt(0x20000) : random.nextInt(0x3000);
        return Character.isSurrogate((char) c) || c > Character.MAX_CODE_POINT ? 'x' : c;
    }
}
