package coop.cpc.lakehouse.web.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The response of a read-only GraphQL request, whose answer is held back until the audit entries of its reads
 * are appended: the engine writes its answer only once it has run every field, so the first byte it writes
 * appends them ({@code appendEntries}) before anything goes on to the client. Nothing is buffered here (at
 * most the writer's few kilobytes of characters not yet encoded): an answer of any size streams as before.
 * If the entries cannot be appended, no byte of the answer is sent ({@link #withheld()}).
 */
final class HeldResponse extends HttpServletResponseWrapper {
    private final Runnable appendEntries;
    private boolean appended;
    private RuntimeException appendFailure;
    private ServletOutputStream stream;
    private PrintWriter writer;

    /** @param appendEntries appends the request's held entries; throws when they cannot be appended */
    HeldResponse(HttpServletResponse response, Runnable appendEntries) {
        super(response);
        this.appendEntries = appendEntries;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was called already");
        }
        return gated();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (stream != null && writer == null) {
            throw new IllegalStateException("getOutputStream() was called already");
        }
        if (writer == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            writer = new PrintWriter(new OutputStreamWriter(gated(), charset));
        }
        return writer;
    }

    /** Before the entries are appended a flush would commit the response: it waits until then. */
    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (appended) {
            super.flushBuffer();
        }
    }

    /**
     * After the engine is done: sends what the writer still holds, or appends the entries now if the engine wrote
     * nothing (the reads that ran are recorded whatever happened). Check {@link #withheld()} afterwards.
     */
    void complete() {
        if (writer != null) {
            writer.flush();
        }
        try {
            appendOnce();
        } catch (IOException withheld) {
            // Recorded in appendFailure.
        }
    }

    /** Whether the entries could not be appended, so that nothing of the answer was sent. */
    boolean withheld() {
        return appendFailure != null;
    }

    /** Why the entries could not be appended, or null. */
    RuntimeException appendFailure() {
        return appendFailure;
    }

    private void appendOnce() throws IOException {
        if (appendFailure != null) {
            throw new IOException("the answer is withheld: its audit entries could not be appended", appendFailure);
        }
        if (!appended) {
            try {
                appendEntries.run();
                appended = true;
            } catch (RuntimeException e) {
                appendFailure = e;
                throw new IOException("the answer is withheld: its audit entries could not be appended", e);
            }
        }
    }

    private ServletOutputStream gated() throws IOException {
        if (stream == null) {
            ServletOutputStream out = getResponse().getOutputStream();
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    appendOnce();
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len > 0) {
                        appendOnce();
                    }
                    out.write(b, off, len);
                }

                /**
                 * The container sends its buffer when it is full and the rest on close, with a Content-Length when
                 * the whole answer fits; a flush would commit a small answer early as a chunked one.
                 */
                @Override
                public void flush() {}

                @Override
                public void close() throws IOException {
                    appendOnce();
                    out.close();
                }

                @Override
                public boolean isReady() {
                    return out.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("the answer is held until its audit entries are committed");
                }
            };
        }
        return stream;
    }
}
