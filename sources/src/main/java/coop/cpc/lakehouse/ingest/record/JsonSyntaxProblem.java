package coop.cpc.lakehouse.ingest.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with unreadable JSON, in plain words for a quarantine reason or an error answer. Jackson's
 * original message may still embed a location of its own ("start marker at [Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 2, column: 1]"); that becomes "line 2,
 * column 1" so a user never sees parser internals.
 */
public final class JsonSyntaxProblem {

    private static final Pattern UNCLOSED = Pattern.compile(
            "(?i)Unexpected end-of-input: expected close marker for (OBJECT|ARRAY) \\(start marker at \\[Source: [^\\]]*?;"
                    + " line: (\\d+), column: (\\d+)\\]\\)");
    private static final Pattern LOCATION = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
    private static final Pattern SOURCE = Pattern.compile("\\s*\\[Source: [^\\]]*\\]");

    private JsonSyntaxProblem() {}

    /** The problem without the location Jackson appends (callers name the file, line and column themselves). */
    public static String of(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        if (original == null || original.isBlank()) {
            return "not valid JSON";
        }
        Matcher unclosed = UNCLOSED.matcher(original);
        String text = unclosed.replaceAll(m -> Matcher.quoteReplacement("unexpected end of input: the "
                + m.group(1).toLowerCase(java.util.Locale.ROOT) + " opened at line " + m.group(2) + ", column "
                + m.group(3) + " is not closed"));
        text = LOCATION.matcher(text).replaceAll("line $1, column $2");
        return SOURCE.matcher(text).replaceAll("");
    }
}
