package coop.cpc.lakehouse.web.graphql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the GraphQL engine's own error messages (validation, coercion, parsing) into plain words:
 * no Java class or package names, no parser node dumps such as {@code StringValue{value='x'}},
 * no internal message codes. Messages the lakehouse wrote itself pass unchanged.
 *
 * <p>The engine's messages echo what the caller sent (a variable's value, whole), so a message is cut to
 * {@value #MAX_SCANNED_CHARS} characters before any pattern runs on it: Java's regular expressions recurse once per
 * repetition of a group, and a long dotted value would overflow the stack.
 */
public final class ErrorMessages {
    /** The longest message text kept; the rest is cut (with an ellipsis) before the patterns run. */
    static final int MAX_SCANNED_CHARS = 1000;

    private static final Pattern VALIDATION_PREFIX =
            Pattern.compile("^Validation error \\((\\w+)@\\[([^\\]]*)\\]\\) : ");
    private static final Pattern WITH_VALUE =
            Pattern.compile("with value '.*' is not a valid '([^']*)'", Pattern.DOTALL);
    private static final Pattern SIMPLE_NODE = Pattern.compile(
            "\\b(?:IntValue|FloatValue|StringValue|BooleanValue|EnumValue)\\{(?:value|name)='?([^'}]*)'?\\}");
    private static final Pattern ANY_NODE = Pattern.compile("\\b[A-Z]\\w*(?:Value|Field|Reference|Definition)\\{");
    private static final Pattern QUALIFIED_CLASS =
            Pattern.compile("\\b(?:[a-z_$][a-z0-9_$]{0,127}\\.){2,64}([A-Z][\\w$]*)");
    private static final Pattern JAVA_NUMBER =
            Pattern.compile("(?:\\ban? )?'(?:Long|Integer|BigInteger|BigDecimal|Double|Float|Short|Byte)'");
    private static final Pattern JAVA_OTHER =
            Pattern.compile("(?:\\ban? )?'(?:LinkedHashMap|HashMap|Map|ArrayList|List|Boolean|String)'");
    private static final Pattern AST_KIND =
            Pattern.compile("(?:an? )?(?:AST type of )?'(Int|Float|String|Boolean|Enum|Null|Object|Array)Value'");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z]\\w*(?:Exception|Error)\\b:?\\s*");
    private static final Pattern MESSAGE_CODE = Pattern.compile("\\bSRGQL\\d+:\\s*");

    private ErrorMessages() {}

    /** @return the message in plain words (the same text when there is nothing to hide) */
    public static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "The request is not valid";
        }
        String text = message.length() > MAX_SCANNED_CHARS ? message.substring(0, MAX_SCANNED_CHARS) + "…" : message;
        String where = null;
        Matcher prefix = VALIDATION_PREFIX.matcher(text);
        if (prefix.find()) {
            where = prefix.group(2).isEmpty() ? null : prefix.group(2);
            text = text.substring(prefix.end());
        }
        text = WITH_VALUE.matcher(text).replaceAll(m -> Matcher.quoteReplacement("is not a valid " + m.group(1)));
        text = SIMPLE_NODE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        if (ANY_NODE.matcher(text).find()) {
            // A dump of a nested literal: say what is wrong without echoing it.
            text = "a value does not have the type its argument expects";
        }
        text = AST_KIND.matcher(text).replaceAll(m -> {
            String kind = m.group(1).equals("Array") ? "list" : m.group(1).toLowerCase(java.util.Locale.ROOT);
            return (kind.matches("[aeiou].*") ? "an " : "a ") + kind + " value";
        });
        text = QUALIFIED_CLASS.matcher(text).replaceAll("$1");
        text = JAVA_NUMBER.matcher(text).replaceAll("a number");
        text = JAVA_OTHER.matcher(text).replaceAll("another kind of value");
        text = MESSAGE_CODE.matcher(text).replaceAll("");
        text = EXCEPTION_NAME.matcher(text).replaceAll("");
        text = text.trim();
        if (text.isEmpty()) {
            text = "the request is not valid";
        }
        return where == null ? text : "Invalid request at " + where + ": " + text;
    }
}
