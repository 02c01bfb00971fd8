package coop.cpc.lakehouse.web.audit;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Passes a response through unchanged while keeping a copy of its first bytes (at most
 * {@code limit}), so that a filter can tell afterwards how the request was answered.
 */
final class ResponseStart extends HttpServletResponseWrapper {
    private final ByteArrayOutputStream start = new ByteArrayOutputStream();
    private final int limit;
    private ServletOutputStream stream;

    ResponseStart(HttpServletResponse response, int limit) {
        super(response);
        this.limit = limit;
    }

    /** The first bytes written to the output stream, as UTF-8 text. */
    String text() {
        return start.toString(StandardCharsets.UTF_8);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            ServletOutputStream out = super.getOutputStream();
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    keep(new byte[] {(byte) b}, 0, 1);
                    out.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    keep(bytes, offset, length);
                    out.write(bytes, offset, length);
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }

                @Override
                public boolean isReady() {
                    return out.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    out.setWriteListener(listener);
                }
            };
        }
        return stream;
    }

    private void keep(byte[] bytes, int offset, int length) {
        int room = limit - start.size();
        if (room > 0) {
            start.write(bytes, offset, Math.min(room, length));
        }
    }
}
