package coop.cpc.lakehouse.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Headers that keep the console, GraphiQL and every answer of the web application out of other sites' frames
 * (clickjacking), stop browsers from guessing content types, and keep addresses out of the Referer header.
 * Mapped to every path in web.xml, for requests and error pages alike, ahead of the other filters.
 */
public class SecurityHeadersFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    /** The headers and values every answer carries. */
    public static final Map<String, String> HEADERS = Map.of(
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HEADERS.forEach(response::setHeader);
        chain.doFilter(request, response);
    }
}
