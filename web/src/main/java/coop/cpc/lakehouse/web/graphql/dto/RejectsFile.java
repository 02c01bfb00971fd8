package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("RejectsFile")
@Description("The start of a run's rejects file: one JSON object per line (source, position, reason).")
public record RejectsFile(
        @NonNull @Description("Whole lines only, at most maxBytes of them")
        String text,

        @Description("The whole file's size in bytes") long byteSize,
        @Description("Lines in text") int lines,

        @Description("True when the file goes on beyond text (ask for more maxBytes)")
        boolean truncated) {}
