package coop.cpc.lakehouse.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * Answers a path no file or servlet serves with {@link PlainErrorServlet}'s plain {@code 404 Not Found}, written
 * here. Open Liberty's static file servlet throws a {@link FileNotFoundException} for such a path; left to the
 * container, that exception became the body ({@code Error 404: jakarta.servlet.ServletException:
 * java.io.FileNotFoundException: SRVE0190E: ...}) and an FFDC incident file for every path asked. WildFly's
 * answers {@code sendError(404)}, which reaches the error page as it is. Mapped in web.xml after the security
 * headers, so that no other filter lies between the file servlet and this one.
 */
public class MissingFileFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (FileNotFoundException e) {
            notFound(response, e);
        } catch (ServletException e) {
            if (!(e.getCause() instanceof FileNotFoundException)) {
                throw e;
            }
            notFound(response, e);
        }
    }

    private static <E extends Exception> void notFound(HttpServletResponse response, E failure) throws IOException, E {
        if (response.isCommitted()) {
            throw failure;
        }
        response.resetBuffer();
        PlainErrorServlet.answer(response, HttpServletResponse.SC_NOT_FOUND);
    }
}
