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
    /** The message id of Open Liberty's file servlet for a path it has no file for. */
    private static final String LIBERTY_FILE_NOT_FOUND = "SRVE0190E";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (FileNotFoundException e) {
            if (!isLibertysMissingFile(e)) {
                throw e;
            }
            notFound(response, e);
        } catch (ServletException e) {
            if (!isLibertysMissingFile(e.getCause())) {
                throw e;
            }
            notFound(response, e);
        }
    }

    /**
     * Liberty's file servlet's "file not found" ({@code SRVE0190E}) only: any other {@link FileNotFoundException} (a
     * file a servlet of ours cannot open: permission denied, a missing configuration file) is a server error that
     * must reach the container, its log and the 500 page, not a silent 404.
     */
    private static boolean isLibertysMissingFile(Throwable failure) {
        return failure instanceof FileNotFoundException
                && failure.getMessage() != null
                && failure.getMessage().startsWith(LIBERTY_FILE_NOT_FOUND);
    }

    private static <E extends Exception> void notFound(HttpServletResponse response, E failure) throws IOException, E {
        if (response.isCommitted()) {
            throw failure;
        }
        response.resetBuffer();
        PlainErrorServlet.answer(response, HttpServletResponse.SC_NOT_FOUND);
    }
}
