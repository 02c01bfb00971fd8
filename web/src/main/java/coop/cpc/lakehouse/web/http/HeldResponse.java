package coop.cpc.lakehouse.web.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The response with its body held in memory until {@link #release}: the answer of a read-only GraphQL
 * request is sent only once the audit entries of its reads are committed. Status and headers go to the
 * response as set; nothing is committed before release. The body is one GraphQL answer, whose row values
 * {@code graphql_max_response_bytes} bounds.
 */
final class HeldResponse extends HttpServletResponseWrapper {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
    private ServletOutputStream stream;
    private PrintWriter writer;

    HeldResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was called already");
        }
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    body.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("the answer is held until its audit entries are committed");
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (stream != null) {
            throw new IllegalStateException("getOutputStream() was called already");
        }
        if (writer == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            writer = new PrintWriter(new OutputStreamWriter(body, charset));
        }
        return writer;
    }

    @Override
    public void flushBuffer() {
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void setContentLength(int length) {
        // Set on release, from what was written.
    }

    @Override
    public void setContentLengthLong(long length) {
        // Set on release, from what was written.
    }

    @Override
    public void resetBuffer() {
        flushBuffer(); // What the writer still buffers goes too.
        body.reset();
    }

    @Override
    public void reset() {
        super.reset();
        resetBuffer();
    }

    /** Sends what was written to the response (unless the container sent an error on it already). */
    void release() throws IOException {
        flushBuffer();
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (response.isCommitted()) {
            return;
        }
        response.setContentLength(body.size());
        body.writeTo(response.getOutputStream());
        response.flushBuffer();
    }

    /** The bytes written so far (tests). */
    byte[] written() {
        flushBuffer();
        return body.toByteArray();
    }
}
