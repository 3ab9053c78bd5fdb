package io.atq.gateway.web;

import io.atq.contracts.validation.Violation;
import io.atq.gateway.problems.InvalidRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A request body that is not one well-formed UTF-8 JSON text, described for the client: the field it breaks in
 * (or just after), the line and column, and Jackson's reason without the hints meant for the server's developer.
 */
final class MalformedJson {
    /** The deepest field a request has ({@code workers.args.MODE}). */
    private static final int MAX_FIELD_DEPTH = 3;
    private static final List<Pattern> DEVELOPER_HINTS = Stream.of(
                    "\\s*\\(start marker at \\[[^\\]]*\\]\\)",
                    ":?\\s*enable `[^`]*` to allow",
                    "\\s*\\(not recognized as one since Feature '[^']*' not enabled for parser\\)",
                    "\\s*\\(bound as `[^`]*`\\)",
                    ":?\\s*not allowed as per `[^`]*`",
                    ", from `[^`]*`")
            .map(Pattern::compile)
            .toList();
    private static final Pattern TOKEN_NAME = Pattern.compile("`JsonToken\\.([A-Z_]+)`");

    private MalformedJson() {
    }

    /**
     * The body as text, decoded strictly. JSON between systems is UTF-8 without a byte order mark (RFC 8259 §8.1);
     * Jackson would guess UTF-16/32 from the first bytes and skip a BOM, and so read a text that another parser
     * (a proxy, an audit log) reads differently.
     */
    static String utf8(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf) {
            throw refused("must not start with a byte order mark: JSON is sent as UTF-8 without one");
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw refused("is not UTF-8: byte " + in.position() + " (0x"
                    + HexFormat.of().toHexDigits(body[in.position()]) + ") does not start a valid UTF-8 sequence");
        }
        return out.flip().toString();
    }

    private static InvalidRequestException refused(String message) {
        return InvalidRequestException.of(TaskRequestParser.TITLE, TaskRequestParser.ROOT, message);
    }

    /** The text is not one well-formed JSON value: say where, by position and, when known, by field. */
    static Violation violation(JacksonException e, JsonParser parser, String text) {
        List<String> path = segments(parser.streamReadContext());
        // Deeper than any request field, the error is inside a field's value (deep nesting): name that field.
        boolean inside = path.size() > MAX_FIELD_DEPTH;
        String field = joined(inside ? path.subList(0, MAX_FIELD_DEPTH) : path);
        String after = !inside && !path.isEmpty() && endedBefore(e, parser, text) ? ", just after this field" : "";
        return new Violation(field,
                "is not well-formed JSON" + where(e.getLocation()) + after + ": " + readable(e.getOriginalMessage()));
    }

    /**
     * Whether the field the parser names had already ended when the error came. Between members the context still
     * names the last one read, so an error there (a missing comma, an unquoted key, a truncated object) is after
     * that field, not in it. A string is only read to its end when the next token is asked for, so its own errors
     * (a raw newline, a missing closing quote) arrive with the same token: look for its closing quote. A duplicate
     * key is reported with the repeated name already in the context.
     */
    private static boolean endedBefore(JacksonException e, JsonParser parser, String text) {
        JsonToken last = parser.currentToken();
        if (last == null || last == JsonToken.PROPERTY_NAME || last.isStructStart()
                || String.valueOf(e.getOriginalMessage()).startsWith("Duplicate")) {
            return false;
        }
        if (last != JsonToken.VALUE_STRING) {
            return true;
        }
        long end = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        long start = parser.currentTokenLocation().getCharOffset();
        if (start < 0 || end < 0 || end > text.length()) {
            return false;
        }
        for (int i = (int) start + 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return true;
            }
        }
        return false;
    }

    /**
     * Jackson's message without what is meant for the server's developer, not the client: feature switches to
     * enable, Java types, and a source location it has already redacted.
     */
    static String readable(String message) {
        String text = String.valueOf(message);
        for (Pattern hint : DEVELOPER_HINTS) {
            text = hint.matcher(text).replaceAll("");
        }
        return TOKEN_NAME.matcher(text).replaceAll("$1");
    }

    /** The path of the parser's position, outermost first: property names and {@code [index]} for array elements. */
    private static List<String> segments(TokenStreamContext context) {
        Deque<String> out = new ArrayDeque<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray() && c.getCurrentIndex() >= 0) {
                out.addFirst("[" + c.getCurrentIndex() + "]");
            } else if (c.inObject() && c.currentName() != null) {
                out.addFirst(TaskRequestParser.name(c.currentName()));
            }
        }
        return List.copyOf(out);
    }

    private static String joined(List<String> segments) {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append(out.isEmpty() || segment.startsWith("[") ? "" : ".").append(segment);
        }
        return out.isEmpty() ? TaskRequestParser.ROOT : out.toString();
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
