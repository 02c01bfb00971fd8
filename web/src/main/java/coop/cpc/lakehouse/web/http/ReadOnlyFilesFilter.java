package coop.cpc.lakehouse.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * The console's files are read-only: GET and HEAD reach them, OPTIONS is answered here with the methods they take,
 * any other method is {@code 405 Method Not Allowed} with {@code Allow: GET, HEAD, OPTIONS} and {@link
 * PlainErrorServlet}'s body, written here. Open Liberty's static file servlet answered any method (a {@code DELETE}
 * or {@code PUT} of {@code console/index.html}) with the file; WildFly's refused them without an {@code Allow}
 * header. Mapped in web.xml to the console's paths, after the security headers.
 */
public class ReadOnlyFilesFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    /** The value of the {@code Allow} header: the methods a read-only file takes. */
    static final String ALLOWED = "GET, HEAD, OPTIONS";

    private static final Set<String> READS = Set.of("GET", "HEAD");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        if (READS.contains(method)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Allow", ALLOWED);
        if ("OPTIONS".equals(method)) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentLength(0);
            return;
        }
        PlainErrorServlet.answer(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }
}
